package io.github.authstarter.session.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
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
 * Records are kept parsed, once per read from Redis (field names and their string, number
 * or boolean values, which cannot change), and copied into each request's session, so a
 * request can never change another's copy.
 */
public final class TrackedSessionCache implements AutoCloseable {

	private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(2);

	/** The name of the tracking connection in {@code CLIENT LIST}. */
	public static final String CONNECTION_NAME = "auth-session-cache";

	private final HeldRecords records;

	private final TrackingConnection connection;

	private final AtomicLong hits = new AtomicLong();

	private final AtomicLong misses = new AtomicLong();

	private final boolean readBarrier;

	private final ReadBarrier barrier;

	private TrackedSessionCache(RedisClient client, String prefix, int maxSize, boolean readBarrier) {
		this.readBarrier = readBarrier;
		this.records = new HeldRecords(maxSize);
		this.connection = new TrackingConnection(client, prefix, this.records);
		this.barrier = new ReadBarrier(this.connection.connection(), BARRIER_TIMEOUT);
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
			cache.connection.start(CONNECTION_NAME);
		}
		catch (RuntimeException ex) {
			cache.close();
			throw new IllegalStateException("Redis does not push invalidations to this client (it needs Redis 6 or "
					+ "later and RESP3): " + ex.getMessage(), ex);
		}
		return cache;
	}

	/**
	 * The record of a key, if held.
	 * @param key the session key
	 * @return the record, or {@code null} when it must be read from Redis
	 */
	@Nullable Map<String, Object> get(String key) {
		Map<String, Object> record = held(key);
		if (record != null && this.readBarrier) {
			// every invalidation Redis sent before this request arrived is applied once a
			// round trip on the tracking connection, started after it arrived, returns
			record = awaitBarrier() ? held(key) : null;
		}
		((record != null) ? this.hits : this.misses).incrementAndGet();
		return record;
	}

	private @Nullable Map<String, Object> held(String key) {
		return this.records.get(key);
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
		return this.records.holds(key);
	}

	/**
	 * Reserves a key for a read about to be sent to Redis.
	 * @param key the session key
	 * @return the reservation to hand to {@link #store}, or {@code null} when nothing may
	 * be cached now (tracking is off)
	 */
	@Nullable Object reserve(String key) {
		return this.records.reserve(key);
	}

	/**
	 * Stores what a read returned, unless the key was invalidated since it was reserved.
	 * @param reservation what {@link #reserve} returned
	 * @param key the session key
	 * @param record the record as Redis returned it, its values parsed
	 */
	void store(Object reservation, String key, Map<String, Object> record) {
		this.records.store(reservation, key, record);
	}

	/**
	 * Ends a reservation whose read stored nothing (the key is not in Redis, or the read
	 * failed): a session id that Redis does not hold would otherwise keep its reservation
	 * for ever, and anonymous requests with made-up ids would fill the heap.
	 * @param reservation what {@link #reserve} returned
	 * @param key the session key
	 */
	void release(Object reservation, String key) {
		this.records.release(reservation, key);
	}

	/**
	 * Forgets a key this instance is about to change or has changed, without waiting for
	 * Redis to say so.
	 * @param key the session key
	 */
	void invalidate(String key) {
		this.records.invalidate(key);
	}

	/**
	 * How many records are held now.
	 * @return the number of records
	 */
	public int size() {
		return this.records.size();
	}

	/**
	 * How many reads are under way with a reservation now.
	 * @return the number of reservations
	 */
	int reservations() {
		return this.records.reservations();
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
		return this.connection.invalidations();
	}

	/**
	 * Whether invalidations are arriving, so records are cached.
	 * @return whether tracking is on
	 */
	public boolean tracking() {
		return this.records.tracking();
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
