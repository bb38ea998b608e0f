package io.github.authstarter.event;

/**
 * A refresh failed.
 *
 * @param provider the provider id
 * @param subject the user's subject at the provider
 * @param reason {@code invalid_grant} or {@code invalid_id_token} (the user was signed
 * out), {@code provider_unavailable} or {@code jwks_unavailable} (current tokens kept
 * while still valid)
 */
public record TokenRefreshFailedEvent(String provider, String subject, String reason) {

}
