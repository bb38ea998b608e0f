package io.github.authstarter.token;

/**
 * Thrown when tokens that have expired cannot be refreshed now because the provider
 * cannot be reached; a later request may succeed.
 */
public final class TokenRefreshUnavailableException extends RuntimeException {

	/**
	 * Creates the exception; public for {@link TokenRefresher} implementations.
	 * @param provider the provider id
	 * @param cause why the provider could not be reached
	 */
	public TokenRefreshUnavailableException(String provider, Throwable cause) {
		super("Provider '" + provider + "' cannot be reached to refresh the tokens; please try again in a moment.",
				cause);
	}

}
