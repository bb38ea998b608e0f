package io.github.authstarter.provider;

/**
 * Thrown when a provider's metadata cannot be fetched: only logins with that provider
 * fail, and a later attempt may succeed.
 */
public final class ProviderUnavailableException extends RuntimeException {

	private final String registrationId;

	/**
	 * Creates the exception.
	 * @param registrationId the provider id
	 * @param reason why it cannot be used now (no secrets)
	 * @param cause the failure
	 */
	public ProviderUnavailableException(String registrationId, String reason, Throwable cause) {
		super("provider '" + registrationId + "' is unreachable: " + reason, cause);
		this.registrationId = registrationId;
	}

	/**
	 * The id of the provider that could not be reached.
	 * @return the provider id
	 */
	public String registrationId() {
		return this.registrationId;
	}

}
