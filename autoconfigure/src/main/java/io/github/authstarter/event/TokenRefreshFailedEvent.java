package io.github.authstarter.event;

/**
 * A refresh failed.
 *
 * @param provider the provider id
 * @param subject the user's subject at the provider
 * @param reason why, and so whether the user was signed out
 */
public record TokenRefreshFailedEvent(String provider, String subject, TokenRefreshFailure reason) {

}
