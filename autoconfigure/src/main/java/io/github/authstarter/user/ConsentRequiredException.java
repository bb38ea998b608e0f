package io.github.authstarter.user;

/**
 * Thrown when the provider will not issue an API's token until the user grants it
 * (consent missing, a scope or resource not granted, interaction needed). The starter
 * answers {@code 403 consent_required} with a {@code consentUrl} that sends the user
 * through the provider asking for the API's scopes and back; a browser gets a page with
 * that link.
 */
public final class ConsentRequiredException extends RuntimeException {

	private final String provider;

	private final String api;

	private final String error;

	ConsentRequiredException(String provider, String api, String error) {
		super("Provider '" + provider + "' issues a token for API '" + api + "' only after the user grants it (" + error
				+ ")", null, false, false);
		this.provider = provider;
		this.api = api;
		this.error = error;
	}

	/**
	 * The provider.
	 * @return the provider id
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The API.
	 * @return its name under {@code auth.providers.<id>.apis}
	 */
	public String api() {
		return this.api;
	}

	/**
	 * The provider's error code, such as {@code consent_required} or
	 * {@code invalid_scope}.
	 * @return the error code
	 */
	public String error() {
		return this.error;
	}

}
