package io.github.authstarter.logout;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

import io.github.authstarter.redis.AuthRedisKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@code state} of each end-session redirect, kept in Redis until the provider sends
 * the browser back, on whichever instance: used once, and for ten minutes at most.
 */
public final class LogoutStates {

	private static final Duration LIFETIME = Duration.ofMinutes(10);

	private static final Pattern ISSUED = Pattern.compile("[A-Za-z0-9_-]{32}");

	private final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final AuthRedisKeys keys;

	/**
	 * Creates the store.
	 * @param redis where the states are kept
	 * @param keys the starter's Redis keys
	 */
	public LogoutStates(StringRedisTemplate redis, AuthRedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/**
	 * Issues a state for a logout at a provider.
	 * @param provider the provider id
	 * @return the state to send
	 */
	String issue(String provider) {
		// 24 random bytes, base64url: the 32 characters ISSUED matches
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.redis.opsForValue().set(this.keys.logoutState(state), provider, LIFETIME);
		return state;
	}

	/**
	 * Takes a state the provider sent back: it cannot be used again.
	 * @param state the state, or {@code null} when none came back
	 * @return the provider it was issued for, or {@code null} for an unknown or used one
	 */
	@Nullable String take(@Nullable String state) {
		// only what issue() makes: anything else costs no Redis command
		if (state == null || !ISSUED.matcher(state).matches()) {
			return null;
		}
		return this.redis.opsForValue().getAndDelete(this.keys.logoutState(state));
	}

}
