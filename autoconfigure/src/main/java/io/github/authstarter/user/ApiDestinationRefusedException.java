package io.github.authstarter.user;

/**
 * Thrown before a request leaves when an API's token would go somewhere other than the
 * API's {@code base-url} (another scheme, host, port or path). Answered {@code 400}
 * ({@code api_destination_refused}): the URL came from somewhere it should not have.
 */
public final class ApiDestinationRefusedException extends IllegalArgumentException {

	private final String api;

	ApiDestinationRefusedException(String api, String message) {
		super(message);
		this.api = api;
	}

	/**
	 * The API whose token was kept back.
	 * @return {@code <provider>/<api>}
	 */
	public String api() {
		return this.api;
	}

}
