package io.github.authstarter.autoconfigure;

import java.time.Duration;

/**
 * Login endpoints.
 */
public class AuthLoginProperties {

	/** Path under which login starts, followed by the provider id. */
	private String path = "/auth/login";

	/** Path under which providers send users back, followed by the provider id. */
	private String callbackPath = "/login/oauth2/code";

	/** Path of the public JSON list of providers with their login URLs. */
	private String providersPath = "/auth/providers";

	public String getProvidersPath() {
		return this.providersPath;
	}

	public void setProvidersPath(String providersPath) {
		this.providersPath = providersPath;
	}

	/** Where users go after login when the login start named no safe target. */
	private String defaultRedirect = "/";

	public String getDefaultRedirect() {
		return this.defaultRedirect;
	}

	public void setDefaultRedirect(String defaultRedirect) {
		this.defaultRedirect = defaultRedirect;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public String getCallbackPath() {
		return this.callbackPath;
	}

	public void setCallbackPath(String callbackPath) {
		this.callbackPath = callbackPath;
	}

	/**
	 * How far a provider's clock may be off from this one when its {@code auth_time} is
	 * judged: a login that asked for {@code max_age}, and step-up's
	 * {@code requireRecentLogin}.
	 */
	private Duration authTimeSkew = Duration.ofSeconds(5);

	public Duration getAuthTimeSkew() {
		return this.authTimeSkew;
	}

	public void setAuthTimeSkew(Duration authTimeSkew) {
		this.authTimeSkew = authTimeSkew;
	}

}
