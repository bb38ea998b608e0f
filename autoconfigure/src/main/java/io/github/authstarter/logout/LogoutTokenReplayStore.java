package io.github.authstarter.logout;

import io.github.authstarter.redis.AuthRedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Remembers the {@code jti} of every accepted logout token for as long as such a token is
 * accepted at all, across instances, so a replayed one is refused.
 */
public final class LogoutTokenReplayStore {

	private final StringRedisTemplate redis;

	private final AuthRedisKeys keys;

	/**
	 * Creates the store.
	 * @param redis where the ids are kept
	 * @param keys the starter's Redis keys
	 */
	public LogoutTokenReplayStore(StringRedisTemplate redis, AuthRedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/**
	 * Records a token's first use.
	 * @param provider the provider id
	 * @param jti the token's id
	 * @return whether this is the first time it was seen
	 */
	boolean firstUse(String provider, String jti) {
		return Boolean.TRUE.equals(this.redis.opsForValue()
			.setIfAbsent(this.keys.logoutTokenId(provider, jti), "1", LogoutTokenValidator.MAX_AGE.plusMinutes(1)));
	}

}
