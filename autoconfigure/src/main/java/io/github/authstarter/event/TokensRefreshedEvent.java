package io.github.authstarter.event;

/**
 * A request got refreshed tokens.
 *
 * @param provider the provider id
 * @param subject the user's subject at the provider
 * @param outcome {@code refreshed} (this instance ran the grant),
 * {@code waited_for_other_instance} or {@code reused_newer_tokens} (another holder had
 * rotated them)
 */
public record TokensRefreshedEvent(String provider, String subject, String outcome) {

}
