package io.github.authstarter.provider;

/**
 * A login could not start because its authorization request could not be pushed (RFC
 * 9126): the provider refused it, answered something that is not a PAR response, or
 * offers no PAR endpoint while {@code par: required} demands one.
 */
public final class PushedAuthorizationRefusedException extends RuntimeException {

	private final String registrationId;

	private final String reason;

	PushedAuthorizationRefusedException(String registrationId, String reason) {
		super("The pushed authorization request to provider '" + registrationId + "' failed: " + reason, null, false,
				false);
		this.registrationId = registrationId;
		this.reason = reason;
	}

	/**
	 * The provider.
	 * @return the provider id
	 */
	public String registrationId() {
		return this.registrationId;
	}

	/**
	 * Why, for the log: the provider's error code, or {@code par_not_offered}.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

}
