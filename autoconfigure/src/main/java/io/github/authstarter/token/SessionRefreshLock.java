package io.github.authstarter.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.authstarter.redis.AuthRedisKeys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The per-session Redis lock that every change of a session's tokens is made under, on
 * any instance: a refresh grant, and a logout that must revoke the newest refresh token.
 * Its lease is renewed while the holder works, so a slow provider cannot make it lapse
 * mid-grant, and a crashed holder's lock expires by itself.
 */
public final class SessionRefreshLock {

	private static final Log logger = LogFactory.getLog(SessionRefreshLock.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private static final RedisScript<Long> RENEW = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
			Long.class);

	private static final Duration POLL = Duration.ofMillis(20);

	private final StringRedisTemplate redis;

	private final RefreshSettings settings;

	private final ScheduledExecutorService renewals;

	private final Clock clock;

	/**
	 * Creates the lock with its own lease-renewal thread (a daemon, so it never holds the
	 * JVM); {@link #close()} stops it.
	 * @param redis the shared Redis
	 * @param settings the lease and the key prefix
	 */
	public SessionRefreshLock(StringRedisTemplate redis, RefreshSettings settings) {
		this(redis, settings, Clock.systemUTC());
	}

	/**
	 * Creates the lock.
	 * @param redis the shared Redis
	 * @param settings the lease and the key prefix
	 * @param clock the starter's clock
	 */
	public SessionRefreshLock(StringRedisTemplate redis, RefreshSettings settings, Clock clock) {
		this(redis, settings, Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "auth-refresh-lease");
			thread.setDaemon(true);
			return thread;
		}), clock);
	}

	/**
	 * Creates the lock.
	 * @param redis the shared Redis
	 * @param settings the lease and the key prefix
	 * @param renewals runs the lease renewals of held locks
	 * @param clock tells the time for waiting
	 */
	public SessionRefreshLock(StringRedisTemplate redis, RefreshSettings settings, ScheduledExecutorService renewals,
			Clock clock) {
		this.redis = redis;
		this.settings = settings;
		this.renewals = renewals;
		this.clock = clock;
	}

	/**
	 * Stops renewing leases; locks still held expire with their lease.
	 */
	public void close() {
		this.renewals.shutdownNow();
	}

	/**
	 * Takes the lock of a session if it is free.
	 * @param sessionId the session
	 * @return the held lock, to close when done, or {@code null} when another holds it
	 */
	public @Nullable Held tryAcquire(String sessionId) {
		String key = key(sessionId);
		String owner = UUID.randomUUID().toString();
		if (!Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(key, owner, this.settings.lockLease()))) {
			return null;
		}
		long lease = this.settings.lockLease().toMillis();
		long period = Math.max(lease / 3, 1);
		ScheduledFuture<?> renewal = this.renewals.scheduleAtFixedRate(() -> {
			try {
				this.redis.execute(RENEW, List.of(key), owner, String.valueOf(lease));
			}
			catch (RuntimeException ex) {
				logger.debug("Could not renew a refresh lock: " + ex.getClass().getSimpleName());
			}
		}, period, period, TimeUnit.MILLISECONDS);
		return new Held(this.redis, key, owner, renewal);
	}

	/**
	 * Takes the lock of a session, waiting for its holder until the timeout.
	 * @param sessionId the session
	 * @param timeout how long to wait
	 * @return the held lock, or {@code null} when it was not released in time
	 */
	public @Nullable Held acquire(String sessionId, Duration timeout) {
		Instant deadline = this.clock.instant().plus(timeout);
		while (true) {
			Held held = tryAcquire(sessionId);
			if (held != null || !awaitRelease(sessionId, deadline)) {
				return held;
			}
		}
	}

	/**
	 * Waits until nobody holds the lock of a session, or the deadline passes.
	 * @param sessionId the session
	 * @param deadline when to give up
	 * @return whether the lock is free
	 */
	boolean awaitRelease(String sessionId, Instant deadline) {
		String key = key(sessionId);
		while (Boolean.TRUE.equals(this.redis.hasKey(key))) {
			if (!this.clock.instant().isBefore(deadline)) {
				return false;
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private String key(String sessionId) {
		return new AuthRedisKeys(this.settings.keyPrefix()).refreshLock(sessionId);
	}

	/**
	 * A held lock; closing it releases it if it is still this holder's.
	 */
	public static final class Held implements AutoCloseable {

		private final StringRedisTemplate redis;

		private final String key;

		private final String owner;

		private final ScheduledFuture<?> renewal;

		private Held(StringRedisTemplate redis, String key, String owner, ScheduledFuture<?> renewal) {
			this.redis = redis;
			this.key = key;
			this.owner = owner;
			this.renewal = renewal;
		}

		@Override
		public void close() {
			this.renewal.cancel(false);
			this.redis.execute(RELEASE, List.of(this.key), this.owner);
		}

	}

}
