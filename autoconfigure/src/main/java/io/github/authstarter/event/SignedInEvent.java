package io.github.authstarter.event;

/**
 * A user completed a login.
 *
 * @param provider the provider id
 * @param subject the user's subject at the provider
 */
public record SignedInEvent(String provider, String subject) {

}
