package io.github.authstarter.event;

/**
 * A request got refreshed tokens.
 *
 * @param provider the provider id
 * @param subject the user's subject at the provider
 * @param outcome how: by its own grant, or by taking another instance's
 */
public record TokensRefreshedEvent(String provider, String subject, TokenRefreshOutcome outcome) {

}
