package io.github.authstarter.autoconfigure;

/**
 * The endpoints that list and end the signed-in user's sessions.
 */
public class AuthSessionsProperties {

	/**
	 * Path of the endpoint that lists the user's sessions as JSON; POST {path}/{id}/end
	 * ends one, POST {path}/others/end all but the current one.
	 */
	private String path = "/auth/sessions";

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
