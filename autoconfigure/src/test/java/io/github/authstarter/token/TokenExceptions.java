package io.github.authstarter.token;

/**
 * The token package's exceptions, for tests in other packages.
 */
public final class TokenExceptions {

	private TokenExceptions() {
	}

	public static ReauthenticationRequiredException reauthenticationRequired(String provider) {
		return new ReauthenticationRequiredException(provider);
	}

	public static NoRefreshTokenException noRefreshToken(String provider) {
		return new NoRefreshTokenException(provider);
	}

	public static TokenRefreshUnavailableException unavailable(String provider) {
		return new TokenRefreshUnavailableException(provider, new IllegalStateException("down"));
	}

}
