package io.github.authstarter.autoconfigure;

/**
 * The current user's JSON endpoint.
 */
public class AuthUserProperties {

	/** Path of the endpoint that answers the current user as JSON. */
	private String path = "/auth/user";

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
