package io.github.authstarter.autoconfigure;

import java.time.Duration;

/**
 * Calls to the providers' APIs with the signed-in user's tokens.
 */
public class AuthApisProperties {

	/**
	 * How long after a token was obtained an API's 401 is answered as is, without a new
	 * token: at most one grant per API and session in this time; 0 replaces every refused
	 * token.
	 */
	private Duration retryCooldown = Duration.ofSeconds(30);

	public Duration getRetryCooldown() {
		return this.retryCooldown;
	}

	public void setRetryCooldown(Duration retryCooldown) {
		// thrown while binding: the startup report names the property and the value
		if (retryCooldown.isNegative()) {
			throw new IllegalArgumentException("must not be negative, but was " + retryCooldown);
		}
		this.retryCooldown = retryCooldown;
	}

}
