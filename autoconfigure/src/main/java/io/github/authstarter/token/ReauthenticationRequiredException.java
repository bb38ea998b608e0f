package io.github.authstarter.token;

/**
 * Thrown when the provider refused the refresh token for good: the user is signed out and
 * must sign in again.
 */
public final class ReauthenticationRequiredException extends RuntimeException {

	private final String provider;

	/**
	 * Creates the exception; public for {@link TokenRefresher} implementations.
	 * @param provider the provider id
	 */
	public ReauthenticationRequiredException(String provider) {
		super("The sign-in with '" + provider + "' has ended; please sign in again.");
		this.provider = provider;
	}

	/**
	 * The provider to sign in with again.
	 * @return the provider id
	 */
	public String provider() {
		return this.provider;
	}

}
