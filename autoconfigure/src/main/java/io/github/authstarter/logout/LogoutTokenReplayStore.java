package io.github.authstarter.logout;

import io.github.authstarter.redis.AuthRedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Remembers the {@code jti} of every logout token whose logout completed, for as long as
 * such a token is accepted at all, across instances, so a replayed one is refused.
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
	 * Whether a logout with the token was carried out to the end before.
	 * @param provider the provider id
	 * @param jti the token's id
	 * @return whether the token is used up
	 */
	boolean used(String provider, String jti) {
		return Boolean.TRUE.equals(this.redis.hasKey(this.keys.logoutTokenId(provider, jti)));
	}

	/**
	 * Records a token as used up, once its logout completed. Two deliveries of one token
	 * at the same moment may both end its sessions, which is what either would do alone.
	 * @param provider the provider id
	 * @param jti the token's id
	 */
	void remember(String provider, String jti) {
		this.redis.opsForValue()
			.set(this.keys.logoutTokenId(provider, jti), "1", LogoutTokenValidator.MAX_AGE.plusMinutes(1));
	}

}
