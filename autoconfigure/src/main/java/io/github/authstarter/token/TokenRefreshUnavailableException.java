package io.github.authstarter.token;

/**
 * Thrown when tokens that have expired cannot be refreshed now because the provider
 * cannot be reached, or its answer cannot be checked yet; a later request may succeed.
 */
public final class TokenRefreshUnavailableException extends RuntimeException {

	private final String error;

	/**
	 * Creates the exception; public for {@link TokenRefresher} implementations.
	 * @param provider the provider id
	 * @param cause why the provider could not be reached
	 */
	public TokenRefreshUnavailableException(String provider, Throwable cause) {
		super("Provider '" + provider + "' cannot be reached to refresh the tokens; please try again in a moment.",
				cause);
		this.error = "provider_unavailable";
	}

	TokenRefreshUnavailableException(String provider, String error, String why, Throwable cause) {
		super("The tokens of provider '" + provider + "' cannot be refreshed now: " + why
				+ "; please try again in a moment.", cause);
		this.error = error;
	}

	/**
	 * The error code the client gets: {@code provider_unavailable}, or
	 * {@code token_refresh_unavailable} when the provider answered but its id token could
	 * not be checked yet.
	 * @return the error code
	 */
	public String error() {
		return this.error;
	}

}
