package io.github.authstarter.logout;

import java.time.Duration;
import java.util.Set;

import io.github.authstarter.redis.AuthRedisKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Which sessions belong to a provider session ({@code sid}) and to a user ({@code sub}),
 * kept in Redis so a back-channel logout received by any instance finds the sessions of
 * every instance.
 */
public final class SessionIndex {

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	/**
	 * Creates the index.
	 * @param redis the shared Redis
	 * @param keyPrefix the prefix of the index keys
	 */
	public SessionIndex(StringRedisTemplate redis, String keyPrefix) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * Records a signed-in session.
	 * @param provider the provider id
	 * @param sid the provider session id, or {@code null}
	 * @param sub the subject
	 * @param sessionId the HTTP session id
	 * @param lifetime how long the entry may outlive the session
	 */
	public void add(String provider, @Nullable String sid, String sub, String sessionId, Duration lifetime) {
		if (sid != null) {
			add(key(provider, "sid", sid), sessionId, lifetime);
		}
		add(key(provider, "sub", sub), sessionId, lifetime);
	}

	Set<String> sessions(String provider, String claim, String value) {
		Set<String> members = this.redis.opsForSet().members(key(provider, claim, value));
		return (members != null) ? members : Set.of();
	}

	/**
	 * Forgets the sessions a logout read and ended, and only those: a sign-in that added
	 * itself meanwhile (on any instance, or a command of a stalled request that Redis
	 * runs late) stays for the next logout to find.
	 */
	void forget(String provider, String claim, String value, Set<String> sessionIds) {
		if (!sessionIds.isEmpty()) {
			this.redis.opsForSet().remove(key(provider, claim, value), sessionIds.toArray());
		}
	}

	void remove(String provider, @Nullable String sid, String sub, String sessionId) {
		if (sid != null) {
			this.redis.opsForSet().remove(key(provider, "sid", sid), sessionId);
		}
		this.redis.opsForSet().remove(key(provider, "sub", sub), sessionId);
	}

	private void add(String key, String sessionId, Duration lifetime) {
		this.redis.opsForSet().add(key, sessionId);
		this.redis.expire(key, lifetime);
	}

	private String key(String provider, String claim, String value) {
		return new AuthRedisKeys(this.keyPrefix).sessionIndex(provider, claim, value);
	}

}
