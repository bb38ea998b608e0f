package io.github.authstarter.token;

/**
 * Thrown when a refresh is asked for but the provider issued no refresh token (ask for
 * {@code offline_access} or the provider's equivalent).
 */
public final class NoRefreshTokenException extends RuntimeException {

	/**
	 * Creates the exception; public for {@link TokenRefresher} implementations.
	 * @param provider the provider id
	 */
	public NoRefreshTokenException(String provider) {
		super("Provider '" + provider + "' issued no refresh token, so tokens cannot be refreshed;"
				+ " request offline access in auth.providers." + provider + ".scopes");
	}

}
