package io.github.authstarter.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.authstarter.redis.AuthRedisKeys;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Caps login starts per client and in total per minute, across all instances, so a flood
 * of anonymous login starts can neither fill Redis with flow records nor make us push
 * requests to a provider on its behalf: it runs before both. The per-client cap is
 * checked first and a refused start counts nowhere, so one client can use at most its own
 * share of the total and never lock everyone else out.
 */
public final class LoginStartLimiter {

	private static final Duration WINDOW_EXPIRY = Duration.ofMinutes(2);

	/**
	 * Both counters, fields of the minute's hash, checked and raised in one step, so
	 * concurrent starts on several instances can neither overshoot the caps nor leave the
	 * hash without expiry. Raised first and lowered again on refusal, leaving nothing
	 * behind: an accepted start, the common case, costs two increments (and the expiry
	 * once a minute). KEYS[1]: the hash; ARGV: the client's field, the caps per client
	 * and in all, the expiry in ms.
	 */
	private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
			local total = redis.call('hincrby', KEYS[1], 'total', 1)
			if total == 1 then redis.call('pexpire', KEYS[1], ARGV[4]) end
			local client = redis.call('hincrby', KEYS[1], ARGV[1], 1)
			local refused = 0
			if client > tonumber(ARGV[2]) then refused = 1
			elseif total > tonumber(ARGV[3]) then refused = 2 end
			if refused > 0 then
				redis.call('hincrby', KEYS[1], 'total', -1)
				if redis.call('hincrby', KEYS[1], ARGV[1], -1) <= 0 then
					redis.call('hdel', KEYS[1], ARGV[1])
				end
			end
			return refused
			""", Long.class);

	private final StringRedisTemplate redis;

	private final int perClient;

	private final int total;

	private final Clock clock;

	private final String keyPrefix;

	private final LoginClientKeyResolver clients;

	/**
	 * Creates a limiter.
	 * @param redis the shared Redis
	 * @param perClient login starts allowed per client per minute
	 * @param total login starts allowed per minute in all
	 * @param keyPrefix the prefix of the starter's keys ({@code auth.redis.key-prefix})
	 * @param clients names the client of a request
	 */
	public LoginStartLimiter(StringRedisTemplate redis, int perClient, int total, String keyPrefix,
			LoginClientKeyResolver clients) {
		this(redis, perClient, total, keyPrefix, clients, Clock.systemUTC());
	}

	/**
	 * Creates the limiter.
	 * @param redis the shared Redis, which holds the counters
	 * @param perClient login starts allowed per client per minute
	 * @param total login starts allowed per minute in all
	 * @param keyPrefix the prefix of the starter's keys ({@code auth.redis.key-prefix})
	 * @param clients names the client of a request
	 * @param clock the starter's clock, which the minutes are counted on
	 */
	public LoginStartLimiter(StringRedisTemplate redis, int perClient, int total, String keyPrefix,
			LoginClientKeyResolver clients, Clock clock) {
		this.keyPrefix = keyPrefix;
		this.redis = redis;
		this.perClient = perClient;
		this.total = total;
		this.clients = clients;
		this.clock = clock;
	}

	void acquire(HttpServletRequest request) {
		long minute = this.clock.millis() / 60_000;
		// one key per minute, so the script also runs on Redis Cluster
		String window = new AuthRedisKeys(this.keyPrefix).loginStarts(minute);
		String client = "c:" + RedisFlowStateRepository.hash(this.clients.resolve(request));
		Long refused = this.redis.execute(ACQUIRE, List.of(window), client, String.valueOf(this.perClient),
				String.valueOf(this.total), String.valueOf(WINDOW_EXPIRY.toMillis()));
		if (refused == null || refused != 0) {
			throw new LoginRateLimitedException();
		}
	}

}
