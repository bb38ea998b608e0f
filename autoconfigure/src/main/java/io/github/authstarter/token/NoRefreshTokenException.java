package io.github.authstarter.token;

/**
 * Thrown when a refresh is asked for but the provider issued no refresh token (ask for
 * {@code offline_access} or the provider's equivalent).
 */
public final class NoRefreshTokenException extends RuntimeException {

	private final String provider;

	/**
	 * Creates the exception; public for {@link TokenRefresher} implementations.
	 * @param provider the provider id
	 */
	public NoRefreshTokenException(String provider) {
		super("Provider '" + provider + "' issued no refresh token, so tokens cannot be refreshed;"
				+ " request offline access in auth.providers." + provider + ".scopes");
		this.provider = provider;
	}

	/**
	 * The provider that issued no refresh token.
	 * @return the provider id
	 */
	public String provider() {
		return this.provider;
	}

}
