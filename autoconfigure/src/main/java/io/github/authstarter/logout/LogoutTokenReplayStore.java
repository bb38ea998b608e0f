package io.github.authstarter.logout;

import io.github.authstarter.redis.AuthRedisKeys;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Remembers the {@code jti} of every accepted logout token for as long as such a token is
 * accepted at all, across instances, so a replayed one is refused.
 */
final class LogoutTokenReplayStore {

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	LogoutTokenReplayStore(StringRedisTemplate redis, String keyPrefix) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * Records a token's first use.
	 * @param provider the provider id
	 * @param jti the token's id
	 * @return whether this is the first time it was seen
	 */
	boolean firstUse(String provider, String jti) {
		return Boolean.TRUE.equals(this.redis.opsForValue()
			.setIfAbsent(new AuthRedisKeys(this.keyPrefix).logoutTokenId(provider, jti), "1",
					LogoutTokenValidator.MAX_AGE.plusMinutes(1)));
	}

}
