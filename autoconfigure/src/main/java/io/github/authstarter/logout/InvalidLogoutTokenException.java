package io.github.authstarter.logout;

/**
 * A back-channel logout request the spec says to answer with {@code 400}: the message
 * says why, without secrets, and is sent to the provider.
 */
final class InvalidLogoutTokenException extends RuntimeException {

	InvalidLogoutTokenException(String message) {
		super(message, null, false, false);
	}

}
