package io.github.authstarter.flow;

import java.time.Clock;
import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Caps login starts per client address and in total per minute, across all instances, so
 * a flood of anonymous login starts cannot fill Redis with flow records.
 */
public final class LoginStartLimiter {

	private static final Duration WINDOW_EXPIRY = Duration.ofMinutes(2);

	private final StringRedisTemplate redis;

	private final int perClient;

	private final int total;

	private final Clock clock;

	private final String keyPrefix;

	/**
	 * Creates a limiter.
	 * @param redis the shared Redis
	 * @param perClient login starts allowed per client address per minute
	 * @param total login starts allowed per minute in all
	 * @param keyPrefix the prefix of the counters' keys
	 */
	public LoginStartLimiter(StringRedisTemplate redis, int perClient, int total, String keyPrefix) {
		this(redis, perClient, total, keyPrefix, Clock.systemUTC());
	}

	LoginStartLimiter(StringRedisTemplate redis, int perClient, int total, String keyPrefix, Clock clock) {
		this.keyPrefix = keyPrefix;
		this.redis = redis;
		this.perClient = perClient;
		this.total = total;
		this.clock = clock;
	}

	void acquire(String clientAddress) {
		long minute = this.clock.millis() / 60_000;
		if (count(this.keyPrefix + "starts:" + minute) > this.total
				|| count(this.keyPrefix + "starts:" + clientAddress + ":" + minute) > this.perClient) {
			throw new LoginRateLimitedException();
		}
	}

	private long count(String key) {
		Long count = this.redis.opsForValue().increment(key);
		if (count != null && count == 1) {
			this.redis.expire(key, WINDOW_EXPIRY);
		}
		return (count != null) ? count : 0;
	}

}
