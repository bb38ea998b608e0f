package io.github.authstarter.autoconfigure;

import java.time.Duration;

/**
 * Every call to a provider: discovery, token, user info, keys, revocation, health.
 */
public class AuthHttpProperties {

	/** Connect timeout of every call to a provider. */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/** Read timeout of every call to a provider. */
	private Duration readTimeout = Duration.ofSeconds(5);

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = positive(connectTimeout);
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = positive(readTimeout);
	}

	// thrown while binding, so the startup report names the property and the value
	private static Duration positive(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("a timeout must be positive, e.g. 5s: zero would wait forever");
		}
		return timeout;
	}

}
