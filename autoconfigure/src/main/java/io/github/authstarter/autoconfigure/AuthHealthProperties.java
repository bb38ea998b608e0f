package io.github.authstarter.autoconfigure;

import java.time.Duration;

/**
 * The per-provider health contributor.
 */
public class AuthHealthProperties {

	/**
	 * How long the result of a provider's JWKS check is reused; health probes in between
	 * make no network call.
	 */
	private Duration jwksCheckInterval = Duration.ofSeconds(30);

	public Duration getJwksCheckInterval() {
		return this.jwksCheckInterval;
	}

	public void setJwksCheckInterval(Duration jwksCheckInterval) {
		this.jwksCheckInterval = jwksCheckInterval;
	}

}
