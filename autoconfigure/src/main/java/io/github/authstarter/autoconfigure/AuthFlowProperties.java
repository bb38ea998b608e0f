package io.github.authstarter.autoconfigure;

import java.time.Duration;

/**
 * Login-flow state.
 */
public class AuthFlowProperties {

	/** How long a started login may take to come back from the provider. */
	private Duration ttl = Duration.ofMinutes(10);

	/** Name of the cookie that binds a started login to the browser. */
	private String cookieName = "AUTH_FLOW";

	/** Login starts allowed per client address per minute, across instances. */
	private int maxStartsPerClientPerMinute = 60;

	/** Login starts allowed per minute in all, across instances. */
	private int maxStartsPerMinute = 10_000;

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public String getCookieName() {
		return this.cookieName;
	}

	public void setCookieName(String cookieName) {
		this.cookieName = cookieName;
	}

	public int getMaxStartsPerClientPerMinute() {
		return this.maxStartsPerClientPerMinute;
	}

	public void setMaxStartsPerClientPerMinute(int maxStartsPerClientPerMinute) {
		this.maxStartsPerClientPerMinute = maxStartsPerClientPerMinute;
	}

	public int getMaxStartsPerMinute() {
		return this.maxStartsPerMinute;
	}

	public void setMaxStartsPerMinute(int maxStartsPerMinute) {
		this.maxStartsPerMinute = maxStartsPerMinute;
	}

}
