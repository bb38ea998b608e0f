package io.github.authstarter.autoconfigure;

import java.time.Duration;

/**
 * Logout.
 */
public class AuthLogoutProperties {

	/**
	 * Where logout is posted (with the CSRF token); a GET shows a confirmation form.
	 */
	private String path = "/auth/logout";

	/**
	 * Where providers send the browser back after their logout: register it as the
	 * post-logout redirect URI.
	 */
	private String returnPath = "/auth/logged-out";

	/**
	 * Where users land after logout; the return path itself (/auth/logged-out by default)
	 * for the starter's "You are signed out" page.
	 */
	private String successPath = "/";

	/**
	 * Base path of the OIDC back-channel logout receiver, followed by the provider id:
	 * register it at the provider.
	 */
	private String backChannelPath = "/auth/backchannel-logout";

	/**
	 * Base path of the OIDC front-channel logout receiver, followed by the provider id:
	 * register it at the provider (with iss and sid required).
	 */
	private String frontChannelPath = "/auth/frontchannel-logout";

	public String getFrontChannelPath() {
		return this.frontChannelPath;
	}

	public void setFrontChannelPath(String frontChannelPath) {
		this.frontChannelPath = frontChannelPath;
	}

	public String getBackChannelPath() {
		return this.backChannelPath;
	}

	public void setBackChannelPath(String backChannelPath) {
		this.backChannelPath = backChannelPath;
	}

	/**
	 * Read timeout of the token revocation endpoint (the connect timeout is
	 * auth.http.connect-timeout): a logout waits at most both for the revocation.
	 */
	private Duration revocationTimeout = Duration.ofSeconds(2);

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public String getReturnPath() {
		return this.returnPath;
	}

	public void setReturnPath(String returnPath) {
		this.returnPath = returnPath;
	}

	public String getSuccessPath() {
		return this.successPath;
	}

	public void setSuccessPath(String successPath) {
		this.successPath = successPath;
	}

	public Duration getRevocationTimeout() {
		return this.revocationTimeout;
	}

	public void setRevocationTimeout(Duration revocationTimeout) {
		this.revocationTimeout = revocationTimeout;
	}

}
