package io.github.authstarter.event;

/**
 * A refresh failed.
 *
 * @param provider the provider id
 * @param subject the user's subject at the provider
 * @param reason {@code invalid_grant} (the user was signed out) or
 * {@code provider_unavailable} (current tokens kept while still valid)
 */
public record TokenRefreshFailedEvent(String provider, String subject, String reason) {

}
