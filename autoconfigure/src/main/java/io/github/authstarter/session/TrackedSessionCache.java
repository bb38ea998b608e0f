package io.github.authstarter.session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Session records this instance read recently, kept in memory and dropped the moment
 * Redis says any instance changed or deleted them: Redis 6+ server-assisted client-side
 * caching, with one connection of its own in broadcasting mode ({@code CLIENT TRACKING ON
 * BCAST PREFIX <sessions>}, RESP3), so Redis pushes an invalidation for every write to a
 * session key, whoever wrote it.
 * <p>
 * A read that races an invalidation is never cached: a read reserves its key first, an
 * invalidation (or a write of this instance) cancels the reservation, and only a read
 * whose reservation survived stores its answer. When the tracking connection is lost, the
 * whole cache is dropped and nothing is cached until tracking is on again: invalidations
 * sent meanwhile are lost, so nothing read before may be trusted.
 * <p>
 * Records are kept as Redis returned them (field names and serialized values) and
 * deserialized per request, so a request can never change another's copy.
 */
public final class TrackedSessionCache implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TrackedSessionCache.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * How often the tracking connection is checked: a connection that died without the
	 * driver noticing (a silent network partition) would lose invalidations unseen, so
	 * records are trusted only while the connection answers.
	 */
	private static final Duration HEARTBEAT = Duration.ofSeconds(1);

	/** The name of the tracking connection in {@code CLIENT LIST}. */
	public static final String CONNECTION_NAME = "auth-session-cache";

	private final String prefix;

	private final Object monitor = new Object();

	private final Map<String, Map<String, byte[]>> entries;

	/**
	 * Reads in flight, by key: only the one that still holds its key may store. Each read
	 * releases its reservation when it ends, stored or not, so this holds no more than
	 * the reads under way; the bound is for a flood of concurrent reads, which are then
	 * simply not cached.
	 */
	private final Map<String, Object> reservations = new HashMap<>();

	private final int maxReservations;

	private final AtomicLong hits = new AtomicLong();

	private final AtomicLong misses = new AtomicLong();

	private final AtomicLong invalidations = new AtomicLong();

	private final StatefulRedisConnection<String, String> connection;

	private boolean tracking;

	private final boolean readBarrier;

	private final ReadBarrier barrier;

	/** Whether turning tracking on again is under way. */
	private boolean retracking;

	/**
	 * Counts the attempts to turn tracking on again: only the latest may switch the cache
	 * on, as an earlier one's {@code ON} may be followed by a later one's {@code OFF}.
	 */
	private long attempts;

	private final java.util.concurrent.ScheduledExecutorService heartbeats = java.util.concurrent.Executors
		.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "auth-session-cache-heartbeat");
			thread.setDaemon(true);
			return thread;
		});

	private volatile @Nullable CountDownLatch probe;

	private volatile @Nullable String probeKey;

	private TrackedSessionCache(RedisClient client, String prefix, int maxSize, boolean readBarrier) {
		this.prefix = prefix;
		this.readBarrier = readBarrier;
		this.maxReservations = Math.max(maxSize, 1);
		this.entries = new LinkedHashMap<>(Math.min(maxSize, 1024), 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Map<String, byte[]>> eldest) {
				return size() > maxSize;
			}

		};
		this.connection = client.connect(StringCodec.UTF8);
		this.barrier = new ReadBarrier(this.connection, BARRIER_TIMEOUT);
		this.connection.addListener((PushListener) this::onPush);
		((RedisChannelHandler<?, ?>) this.connection).addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				dropAll("the tracking connection was lost");
			}

			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
				trackAgain();
			}

		});
	}

	/**
	 * Opens the tracking connection, turns tracking on, and proves that invalidations
	 * arrive (a probe key written and deleted under the prefix) before the cache is used.
	 * @param client the Lettuce client of the application's Redis (standalone)
	 * @param prefix the key prefix of session records
	 * @param maxSize how many records to keep at most, least recently used evicted first
	 * @param readBarrier whether a record is answered from memory only after a round trip
	 * on the tracking connection (shared by concurrent requests) has applied every
	 * invalidation sent before the request arrived
	 * @return the running cache
	 * @throws IllegalStateException when Redis cannot track keys for this client (Redis
	 * older than 6, RESP2 only)
	 */
	public static TrackedSessionCache start(RedisClient client, String prefix, int maxSize, boolean readBarrier) {
		TrackedSessionCache cache = new TrackedSessionCache(client, prefix, maxSize, readBarrier);
		try {
			// named, so operators can tell it in CLIENT LIST
			cache.connection.sync().clientSetname(CONNECTION_NAME);
			cache.connection.sync().clientTracking(trackingArgs(prefix));
			cache.awaitProbe();
		}
		catch (RuntimeException ex) {
			cache.close();
			throw new IllegalStateException("Redis does not push invalidations to this client (it needs Redis 6 or "
					+ "later and RESP3): " + ex.getMessage(), ex);
		}
		synchronized (cache.monitor) {
			cache.tracking = true;
		}
		cache.heartbeats.scheduleWithFixedDelay(cache::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
				TimeUnit.MILLISECONDS);
		return cache;
	}

	private static TrackingArgs trackingArgs(String prefix) {
		return TrackingArgs.Builder.enabled().bcast().prefixes(prefix);
	}

	private void awaitProbe() {
		CountDownLatch arrived = new CountDownLatch(1);
		String key = this.prefix + "client-cache-probe:" + UUID.randomUUID();
		this.probeKey = key;
		this.probe = arrived;
		this.connection.sync().set(key, "1", SetArgs.Builder.px(PROBE_TIMEOUT.toMillis()));
		this.connection.sync().del(key);
		try {
			if (!arrived.await(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("no invalidation arrived within " + PROBE_TIMEOUT.toSeconds() + " s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		finally {
			this.probe = null;
			this.probeKey = null;
		}
	}

	/**
	 * The record of a key, if held.
	 * @param key the session key
	 * @return the record, or {@code null} when it must be read from Redis
	 */
	@Nullable Map<String, byte[]> get(String key) {
		Map<String, byte[]> record = held(key);
		if (record != null && this.readBarrier) {
			// every invalidation Redis sent before this request arrived is applied once a
			// round trip on the tracking connection, started after it arrived, returns
			record = awaitBarrier() ? held(key) : null;
		}
		((record != null) ? this.hits : this.misses).incrementAndGet();
		return record;
	}

	private @Nullable Map<String, byte[]> held(String key) {
		synchronized (this.monitor) {
			return this.tracking ? this.entries.get(key) : null;
		}
	}

	/**
	 * Waits until every invalidation Redis sent before this call has been applied.
	 * @return whether the barrier passed; if not, the record must be read from Redis
	 */
	boolean awaitBarrier() {
		return this.barrier.await();
	}

	/**
	 * Whether a key's record is held, without counting a read.
	 * @param key the session key
	 * @return whether it is held
	 */
	boolean holds(String key) {
		synchronized (this.monitor) {
			return this.entries.containsKey(key);
		}
	}

	/**
	 * Reserves a key for a read about to be sent to Redis.
	 * @param key the session key
	 * @return the reservation to hand to {@link #store}, or {@code null} when nothing may
	 * be cached now (tracking is off)
	 */
	@Nullable Object reserve(String key) {
		synchronized (this.monitor) {
			if (!this.tracking || this.reservations.size() >= this.maxReservations) {
				return null;
			}
			Object reservation = new Object();
			this.reservations.put(key, reservation);
			return reservation;
		}
	}

	/**
	 * Stores what a read returned, unless the key was invalidated since it was reserved.
	 * @param reservation what {@link #reserve} returned
	 * @param key the session key
	 * @param record the record as Redis returned it
	 */
	void store(Object reservation, String key, Map<String, byte[]> record) {
		synchronized (this.monitor) {
			if (this.tracking && this.reservations.get(key) == reservation) {
				this.reservations.remove(key);
				this.entries.put(key, Map.copyOf(record));
			}
		}
	}

	/**
	 * Ends a reservation whose read stored nothing (the key is not in Redis, or the read
	 * failed): a session id that Redis does not hold would otherwise keep its reservation
	 * for ever, and anonymous requests with made-up ids would fill the heap.
	 * @param reservation what {@link #reserve} returned
	 * @param key the session key
	 */
	void release(Object reservation, String key) {
		synchronized (this.monitor) {
			this.reservations.remove(key, reservation);
		}
	}

	/**
	 * Forgets a key this instance is about to change or has changed, without waiting for
	 * Redis to say so.
	 * @param key the session key
	 */
	void invalidate(String key) {
		synchronized (this.monitor) {
			this.entries.remove(key);
			this.reservations.remove(key);
		}
	}

	/**
	 * How many records are held now.
	 * @return the number of records
	 */
	public int size() {
		synchronized (this.monitor) {
			return this.entries.size();
		}
	}

	/**
	 * How many reads are under way with a reservation now.
	 * @return the number of reservations
	 */
	int reservations() {
		synchronized (this.monitor) {
			return this.reservations.size();
		}
	}

	/**
	 * Reads answered from memory since start.
	 * @return the count
	 */
	public long hits() {
		return this.hits.get();
	}

	/**
	 * Reads that had to go to Redis since start.
	 * @return the count
	 */
	public long misses() {
		return this.misses.get();
	}

	/**
	 * Round trips sent as read barriers since start: fewer than the reads they served
	 * when requests run concurrently.
	 * @return the count
	 */
	public long barrierPings() {
		return this.barrier.pings();
	}

	/**
	 * Reads that waited for a read barrier since start.
	 * @return the count
	 */
	public long barrierWaits() {
		return this.barrier.waits();
	}

	/**
	 * Invalidations Redis pushed since start.
	 * @return the count
	 */
	public long invalidations() {
		return this.invalidations.get();
	}

	/**
	 * Whether invalidations are arriving, so records are cached.
	 * @return whether tracking is on
	 */
	public boolean tracking() {
		synchronized (this.monitor) {
			return this.tracking;
		}
	}

	/**
	 * Checks that the tracking connection still answers within the heartbeat: if not,
	 * everything is dropped and nothing cached until it answers again and tracking is on
	 * again. Pushes and replies share the connection in order, so an answer also means
	 * every invalidation sent before it has arrived.
	 */
	private void heartbeat() {
		try {
			this.connection.async().ping().get(HEARTBEAT.toMillis() * 2, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			dropAll("the tracking connection did not answer (" + ex.getClass().getSimpleName() + ")");
			return;
		}
		boolean resume;
		synchronized (this.monitor) {
			resume = !this.tracking && !this.retracking;
		}
		if (resume) {
			trackAgain();
		}
	}

	private void onPush(PushMessage message) {
		if (!"invalidate".equals(message.getType())) {
			return;
		}
		List<Object> content = message.getContent(TrackedSessionCache::decode);
		Object keys = (content.size() > 1) ? content.get(1) : null;
		this.invalidations.incrementAndGet();
		if (!(keys instanceof List<?> list)) {
			// a FLUSHALL or FLUSHDB: every key is gone, and tracking goes on
			synchronized (this.monitor) {
				this.entries.clear();
				this.reservations.clear();
			}
			return;
		}
		for (Object key : list) {
			if (key instanceof String name) {
				invalidate(name);
				CountDownLatch arrived = this.probe;
				if (arrived != null && name.equals(this.probeKey)) {
					arrived.countDown();
				}
			}
		}
	}

	private static Object decode(ByteBuffer buffer) {
		return StringCodec.UTF8.decodeKey(buffer);
	}

	private void dropAll(String reason) {
		synchronized (this.monitor) {
			if (this.tracking) {
				logger.info("Session cache dropped (" + this.entries.size() + " records): " + reason);
			}
			this.tracking = false;
			this.entries.clear();
			this.reservations.clear();
		}
	}

	/**
	 * Turns tracking on again on a new connection, after a reconnect: the records stay
	 * uncached until Redis confirms, so none read meanwhile escape invalidation.
	 */
	private void trackAgain() {
		dropAll("tracking is being turned on again");
		long attempt;
		synchronized (this.monitor) {
			this.retracking = true;
			attempt = ++this.attempts;
		}
		// OFF first: harmless on a fresh server-side client, and clears the prefix if the
		// driver restored tracking itself, which ON with the same prefix would refuse
		this.connection.async().clientTracking(TrackingArgs.Builder.enabled(false));
		this.connection.async().clientTracking(trackingArgs(this.prefix)).whenComplete((reply, failure) -> {
			synchronized (this.monitor) {
				if (attempt != this.attempts) {
					return;
				}
				this.retracking = false;
				this.tracking = failure == null;
			}
			if (failure != null) {
				logger.warn("Session cache off until the next try: tracking could not be turned on again: "
						+ failure.getMessage());
				return;
			}
			logger.info("Session cache on again: Redis tracks the session keys");
		});
	}

	@Override
	public void close() {
		this.heartbeats.shutdownNow();
		dropAll("closed");
		this.connection.close();
	}

}
