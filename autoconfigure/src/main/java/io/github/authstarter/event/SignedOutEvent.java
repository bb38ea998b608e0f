package io.github.authstarter.event;

/**
 * A user signed out.
 *
 * @param provider the provider id
 * @param subject the user's subject at the provider
 * @param kind how: at the provider too, here only, or ended by the provider (one event
 * per logout token)
 */
public record SignedOutEvent(String provider, String subject, SignOutKind kind) {

}
