package io.github.authstarter.observation;

/**
 * An operation the starter observes; each is one observation name.
 */
public enum AuthOperation {

	/** A login starting at {@code /auth/login/{provider}}. */
	LOGIN_START("auth.login.start"),

	/** The provider's redirect back to the callback. */
	LOGIN_CALLBACK("auth.login.callback"),

	/** The sign-in's tokens refreshed. */
	REFRESH("auth.refresh"),

	/** An API's token obtained. */
	API_TOKEN("auth.api-token"),

	/** A logout the user asked for. */
	LOGOUT("auth.logout"),

	/** A back-channel logout from a provider. */
	BACKCHANNEL_LOGOUT("auth.backchannel.logout"),

	/** A front-channel logout from a provider. */
	FRONTCHANNEL_LOGOUT("auth.frontchannel.logout");

	private final String observationName;

	AuthOperation(String observationName) {
		this.observationName = observationName;
	}

	/**
	 * The observation's name, such as {@code auth.refresh}.
	 * @return the name
	 */
	public String observationName() {
		return this.observationName;
	}

}
