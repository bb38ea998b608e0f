package io.github.authstarter.web;

/**
 * Where the starter's endpoints live.
 *
 * @param login the path under which login starts, followed by the provider id
 * @param callback the path under which providers send users back, followed by the
 * provider id
 * @param user the path of the current user's JSON
 * @param refresh the path that refreshes the tokens
 */
public record AuthPaths(String login, String callback, String user, String refresh) {

	/** The defaults: {@code /auth/login/{id}}, {@code /login/oauth2/code/{id}}, ... */
	public static final AuthPaths DEFAULTS = new AuthPaths("/auth/login", "/login/oauth2/code");

	/**
	 * Paths with the default user and refresh endpoints.
	 * @param login the login path
	 * @param callback the callback path
	 */
	public AuthPaths(String login, String callback) {
		this(login, callback, "/auth/user", "/auth/refresh");
	}

	/**
	 * Whether the request is for one of the JSON endpoints, which always answer JSON.
	 * @param path the request path, without the context path
	 * @return whether it is an API path
	 */
	public boolean isApi(String path) {
		return path.equals(this.user) || path.equals(this.refresh);
	}

	/**
	 * The login URL of a provider.
	 * @param registrationId the provider id
	 * @return the path that starts a login with it
	 */
	public String loginPath(String registrationId) {
		return this.login + "/" + registrationId;
	}

}
