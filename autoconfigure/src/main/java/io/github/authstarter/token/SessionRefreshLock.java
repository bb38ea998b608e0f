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
 * <p>
 * A holder releases the lock by leaving a mark ({@value #RELEASED}) that lives
 * {@link #RELEASE_MARK_LIFETIME}, not by deleting it: a lock taken where there was
 * neither a holder nor a mark was released by nobody within that time, so the record
 * cannot have changed under it since a read made less than that time before; such a
 * holder need not read the record again. Only holders that leave no mark (an earlier
 * version's, during a rolling upgrade) and changes made without the lock escape this.
 */
public final class SessionRefreshLock {

	private static final Log logger = LogFactory.getLog(SessionRefreshLock.class);

	/** What a released lock holds until it expires: free to take. */
	public static final String RELEASED = "released";

	/**
	 * How long a release is remembered: a holder whose record was read less than half of
	 * it before the lock was taken, and that found no mark, need not read it again.
	 */
	public static final Duration RELEASE_MARK_LIFETIME = Duration.ofSeconds(2);

	/**
	 * Marks the lock released if this holder still holds it, or if nobody does (its lease
	 * lapsed while it worked: the record may have changed all the same); never over
	 * another holder.
	 */
	private static final RedisScript<Long> RELEASE = RedisScript
		.of("local v = redis.call('get', KEYS[1]) if v == ARGV[1] or not v then "
				+ "redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end", Long.class);

	private static final RedisScript<Long> TAKE_RELEASED = RedisScript
		.of("if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) "
				+ "return 1 else return 0 end", Long.class);

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
		long lease = this.settings.lockLease().toMillis();
		boolean unmarked = Boolean.TRUE
			.equals(this.redis.opsForValue().setIfAbsent(key, owner, this.settings.lockLease()));
		if (!unmarked && !Long.valueOf(1)
			.equals(this.redis.execute(TAKE_RELEASED, List.of(key), RELEASED, owner, String.valueOf(lease)))) {
			return null;
		}
		long period = Math.max(lease / 3, 1);
		ScheduledFuture<?> renewal = this.renewals.scheduleAtFixedRate(() -> {
			try {
				this.redis.execute(RENEW, List.of(key), owner, String.valueOf(lease));
			}
			catch (RuntimeException ex) {
				logger.debug("Could not renew a refresh lock: " + ex.getClass().getSimpleName());
			}
		}, period, period, TimeUnit.MILLISECONDS);
		return new Held(this.redis, key, owner, renewal, unmarked, this.settings.lockLease());
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
		while (held(this.redis.opsForValue().get(key))) {
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

	private static boolean held(@Nullable String value) {
		return value != null && !RELEASED.equals(value);
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

		private final boolean unmarked;

		private final long takenAt = System.nanoTime();

		/**
		 * How recent a read must be: within half a mark's lifetime, and within a third of
		 * the lease, the least time a crashed holder's lock outlives its last write.
		 */
		private final long recent;

		private boolean released;

		private Held(StringRedisTemplate redis, String key, String owner, ScheduledFuture<?> renewal, boolean unmarked,
				Duration lease) {
			this.redis = redis;
			this.key = key;
			this.owner = owner;
			this.renewal = renewal;
			this.unmarked = unmarked;
			this.recent = Math.min(RELEASE_MARK_LIFETIME.toNanos() / 2, lease.toNanos() / 3);
		}

		/**
		 * Whether the session's record, read at the given moment, is still what Redis
		 * holds: the lock was free of both holder and mark when it was taken, and the
		 * read came shortly before (less than half a mark's lifetime, and than a third of
		 * the lease). Times are the JVM's monotonic clock, since what counts is real time
		 * passing in Redis.
		 * @param readAt {@link System#nanoTime()} before the read was sent
		 * @return whether the record need not be read again under the lock
		 */
		public boolean unchangedSince(long readAt) {
			return this.unmarked && this.takenAt - readAt < this.recent;
		}

		/**
		 * The release, for a script that writes and releases in one step: run it, then
		 * call {@link #released()}.
		 * @return the lock's key, its holder, the mark and its lifetime in milliseconds
		 */
		public List<String> release() {
			return List.of(this.key, this.owner, RELEASED, String.valueOf(RELEASE_MARK_LIFETIME.toMillis()));
		}

		/** The lock was released by a script given {@link #release()}. */
		public void released() {
			this.released = true;
		}

		@Override
		public void close() {
			this.renewal.cancel(false);
			if (!this.released) {
				this.redis.execute(RELEASE, List.of(this.key), this.owner, RELEASED,
						String.valueOf(RELEASE_MARK_LIFETIME.toMillis()));
			}
		}

	}

}
