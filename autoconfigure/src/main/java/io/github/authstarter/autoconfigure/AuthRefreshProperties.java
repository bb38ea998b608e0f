package io.github.authstarter.autoconfigure;

import java.time.Duration;

/**
 * Server-side token refresh.
 */
public class AuthRefreshProperties {

	/**
	 * Whether to refresh expiring tokens on every signed-in request, not only when code
	 * asks for a token.
	 */
	private boolean onRequest = false;

	public boolean isOnRequest() {
		return this.onRequest;
	}

	public void setOnRequest(boolean onRequest) {
		this.onRequest = onRequest;
	}

	/**
	 * Refresh an access token that expires within this time, or within half its lifetime
	 * when that is shorter (a token living 30 s under a 60 s skew would otherwise be
	 * refreshed by every request).
	 */
	private Duration skew = Duration.ofSeconds(60);

	/** How long one instance may hold a session's refresh lock. */
	private Duration lockLease = Duration.ofSeconds(15);

	/** How long a request waits for another instance's refresh. */
	private Duration waitTimeout = Duration.ofSeconds(10);

	/** Path of the endpoint that refreshes tokens now (POST, CSRF-protected). */
	private String path = "/auth/refresh";

	public Duration getSkew() {
		return this.skew;
	}

	public void setSkew(Duration skew) {
		this.skew = skew;
	}

	public Duration getLockLease() {
		return this.lockLease;
	}

	public void setLockLease(Duration lockLease) {
		this.lockLease = lockLease;
	}

	public Duration getWaitTimeout() {
		return this.waitTimeout;
	}

	public void setWaitTimeout(Duration waitTimeout) {
		this.waitTimeout = waitTimeout;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
