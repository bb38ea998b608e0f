package io.github.authstarter.autoconfigure;

import java.time.Duration;

/**
 * Discovery of provider metadata.
 */
public class AuthDiscoveryProperties {

	/** Wait before retrying a failed discovery; doubles after each failure. */
	private Duration initialBackoff = Duration.ofSeconds(1);

	/** Longest wait between two discovery attempts. */
	private Duration maxBackoff = Duration.ofMinutes(1);

	/**
	 * How long discovered metadata is used before it is fetched again (the provider may
	 * change its endpoints); the current metadata is kept while that fails. Zero for
	 * never.
	 */
	private Duration refreshInterval = Duration.ofHours(1);

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

}
