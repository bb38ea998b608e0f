package io.github.authstarter.token;

/**
 * Thrown when tokens that have expired cannot be refreshed now because the provider
 * cannot be reached; a later request may succeed.
 */
public final class TokenRefreshUnavailableException extends RuntimeException {

	TokenRefreshUnavailableException(String provider, Throwable cause) {
		super("Provider '" + provider + "' cannot be reached to refresh the tokens; please try again in a moment.",
				cause);
	}

}
