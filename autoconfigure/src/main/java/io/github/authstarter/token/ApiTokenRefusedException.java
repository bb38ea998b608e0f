package io.github.authstarter.token;

/**
 * The provider refused to issue an API's token for the user in a way the user can mend by
 * granting it: consent missing, the scope or resource not granted, interaction needed.
 * Answered with {@code 403 consent_required} and a link that asks for it.
 */
public final class ApiTokenRefusedException extends RuntimeException {

	private final ApiDefinition api;

	private final String error;

	ApiTokenRefusedException(ApiDefinition api, String error) {
		super("Provider '" + api.provider() + "' did not issue a token for API '" + api.name() + "': " + error, null,
				false, false);
		this.api = api;
		this.error = error;
	}

	/**
	 * The API.
	 * @return the API
	 */
	public ApiDefinition api() {
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
