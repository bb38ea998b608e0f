package io.github.authstarter.autoconfigure;

/**
 * What the starter keeps in Redis beside the sessions.
 */
public class AuthRedisProperties {

	/**
	 * Prefix of every Redis key the starter writes itself: flow records, login-start
	 * counters, refresh locks, logout states and token ids, session indexes.
	 */
	private String keyPrefix = "auth:";

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		if (keyPrefix.isBlank()) {
			throw new IllegalArgumentException(
					"the key prefix must not be blank: the starter's keys would mix with the application's");
		}
		this.keyPrefix = keyPrefix;
	}

}
