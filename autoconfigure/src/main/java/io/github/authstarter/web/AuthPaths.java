package io.github.authstarter.web;

/**
 * Where the starter's endpoints live.
 *
 * @param login the path under which login starts, followed by the provider id
 * @param callback the path under which providers send users back, followed by the
 * provider id
 */
public record AuthPaths(String login, String callback) {

	/** The defaults: {@code /auth/login/{id}} and {@code /login/oauth2/code/{id}}. */
	public static final AuthPaths DEFAULTS = new AuthPaths("/auth/login", "/login/oauth2/code");

	/**
	 * The login URL of a provider.
	 * @param registrationId the provider id
	 * @return the path that starts a login with it
	 */
	public String loginPath(String registrationId) {
		return this.login + "/" + registrationId;
	}

}
