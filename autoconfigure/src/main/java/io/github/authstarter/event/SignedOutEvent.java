package io.github.authstarter.event;

/**
 * A user logged out.
 *
 * @param provider the provider id
 * @param subject the user's subject at the provider
 * @param kind {@code provider} (the provider session is ended too), {@code local}, or
 * {@code backchannel} (the provider ended it; one event per logout token)
 */
public record SignedOutEvent(String provider, String subject, String kind) {

}
