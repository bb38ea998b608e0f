package io.github.authstarter.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.MapSession;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.SessionRepository;
import org.springframework.session.UuidSessionIdGenerator;

/**
 * Sessions in Redis hashes in Spring Session's own layout, for the hot path: a request
 * reads its session with one {@code HGETALL}, and writes back only what changed. A
 * request that changed nothing but its last-access time writes nothing until
 * {@code touchInterval} has passed since the stored one, then extends the expiry once;
 * the idle timeout is thus exact to within that interval. Every write to an existing
 * session is one Lua script that writes only if the session still exists, so a request
 * that ends after a logout on another instance cannot bring the session back.
 * <p>
 * With a {@link TrackedSessionCache}, a record this instance read recently and that no
 * instance changed since is answered from memory: no round trip at all.
 */
public final class SingleReadRedisSessionRepository implements SessionRepository<RedisSession> {

	private static final Log logger = LogFactory.getLog(SingleReadRedisSessionRepository.class);

	static final String CREATION_TIME = "creationTime";

	static final String LAST_ACCESSED_TIME = "lastAccessedTime";

	static final String MAX_INACTIVE_INTERVAL = "maxInactiveInterval";

	static final String ATTRIBUTE_PREFIX = "sessionAttr:";

	private final RedisOperations<String, Object> redis;

	private final RedisSerializer<Object> values;

	private final String keyPrefix;

	private final Duration maxInactiveInterval;

	private final Duration touchInterval;

	private final TolerantRedisSessionMapper mapper = new TolerantRedisSessionMapper();

	private final SessionIdGenerator ids = UuidSessionIdGenerator.getInstance();

	private final @Nullable TrackedSessionCache cache;

	/** Reads through the cache, or past it: a view for those that must see Redis. */
	private final SessionHashReader reader;

	/** Shared with the reading-through view, which never answers from it. */
	private final SavedThisRequest savedThisRequest;

	private final boolean readThrough;

	/** Shared with the reading-through view. */
	private final DeletionMarks deletionMarks;

	private final SessionHashWriter writer;

	private SingleReadRedisSessionRepository(RedisOperations<String, Object> redis, RedisSerializer<Object> values,
			String keyPrefix, Duration maxInactiveInterval, Duration touchInterval, @Nullable TrackedSessionCache cache,
			SavedThisRequest savedThisRequest, DeletionMarks deletionMarks, boolean readThrough) {
		this.savedThisRequest = savedThisRequest;
		this.deletionMarks = deletionMarks;
		this.readThrough = readThrough;
		this.redis = redis;
		this.values = values;
		this.keyPrefix = keyPrefix;
		this.maxInactiveInterval = maxInactiveInterval;
		this.touchInterval = touchInterval;
		this.cache = cache;
		this.reader = new SessionHashReader(redis, values, readThrough ? null : cache);
		this.writer = new SessionHashWriter(redis, values);
	}

	/**
	 * Creates the repository on a connection factory, with string keys and hash keys.
	 * @param connections the Redis connections
	 * @param values the serializer of hash values
	 * @param namespace the key namespace, {@code spring:session} by default
	 * @param maxInactiveInterval the idle timeout of new sessions
	 * @param touchInterval how long an unchanged session goes without extending its
	 * expiry
	 * @param cache records held in memory between invalidations, or {@code null}
	 * @return the repository
	 */
	public static SingleReadRedisSessionRepository of(RedisConnectionFactory connections,
			RedisSerializer<Object> values, String namespace, Duration maxInactiveInterval, Duration touchInterval,
			@Nullable TrackedSessionCache cache) {
		return new SingleReadRedisSessionRepository(SessionHashWriter.template(connections, values), values,
				namespace + ":sessions:", maxInactiveInterval, touchInterval, cache, new SavedThisRequest(),
				new DeletionMarks(), false);
	}

	/**
	 * The same store, reading every record from Redis itself, neither from the cache nor
	 * from what the current request saved: for readers that decide on what Redis holds
	 * this instant, such as a token refresh under its lock, which must not wait for an
	 * invalidation to arrive. Its writes still invalidate the cache.
	 * @return a view of this store that never answers from memory
	 */
	public SingleReadRedisSessionRepository readingThrough() {
		// a view of its own even without a cache: it never answers from what the request
		// saved either, so a second refresh in one request reads what Redis holds now
		return new SingleReadRedisSessionRepository(this.redis, this.values, this.keyPrefix, this.maxInactiveInterval,
				this.touchInterval, this.cache, this.savedThisRequest, this.deletionMarks, true);
	}

	/**
	 * How long an unchanged session goes without extending its expiry.
	 * @return the touch interval
	 */
	public Duration touchInterval() {
		return this.touchInterval;
	}

	/**
	 * Starts remembering what this request writes, unless an outer dispatch of the same
	 * request already did.
	 * @return whether this call started it, and so must end it
	 */
	public boolean beginRequest() {
		return this.savedThisRequest.begin();
	}

	/** Forgets what this request wrote. */
	public void endRequest() {
		this.savedThisRequest.end();
	}

	@Override
	public RedisSession createSession() {
		MapSession session = new MapSession(this.ids);
		session.setMaxInactiveInterval(this.maxInactiveInterval);
		return new RedisSession(session, null);
	}

	@Override
	public void save(RedisSession session) {
		if (session.isNew()) {
			write(session.getId(), session.allFields(), false);
		}
		else if (!session.getId().equals(session.originalId())) {
			// a new id (login): the session moves to a new key; the old key may live in
			// another Cluster slot, so this is a write and a delete, not a RENAME
			write(session.getId(), session.allFields(), false);
			this.redis.delete(key(session.originalId()));
			invalidate(session.originalId());
		}
		else {
			Map<String, Object> changed = session.changedFields(this.touchInterval);
			if (changed.isEmpty()) {
				remember(session);
				return;
			}
			if (!write(session.getId(), changed, true)) {
				logger.debug("Session ended elsewhere while its request ran; not written back");
				forget(session.getId());
				return;
			}
		}
		session.saved();
		remember(session);
	}

	/**
	 * Replaces an attribute of a session that still holds it (an ended session, or one
	 * that lost it, stays so), releasing a lock in the same step where Redis allows.
	 * @param id the session id
	 * @param name the attribute
	 * @param value its new value
	 * @param release the lock's key, its holder, the mark that releases it and the mark's
	 * lifetime in ms
	 * @param released told when the lock was released with the write
	 * @return whether the attribute was replaced
	 */
	public boolean replaceAttribute(String id, String name, Object value, List<String> release, Runnable released) {
		forget(id);
		try {
			return this.writer.replace(key(id), ATTRIBUTE_PREFIX + name, value, release, released);
		}
		finally {
			invalidate(id);
		}
	}

	private void remember(RedisSession session) {
		if (!this.readThrough) {
			this.savedThisRequest.remember(session);
		}
	}

	/**
	 * When the current request first read a session, if from Redis itself: a moment Redis
	 * held the record the request's session came from.
	 * @param id the session id
	 * @return {@link System#nanoTime()} before that read was sent, or {@code null}
	 */
	public @Nullable Long readAt(String id) {
		return this.savedThisRequest.readFromRedisAt(id);
	}

	private void forget(String id) {
		this.savedThisRequest.forget(id);
	}

	/** Writes fields; a {@code null} value removes one. */
	private boolean write(String id, Map<String, @Nullable Object> fields, boolean mustExist) {
		try {
			return this.writer.write(key(id), fields, ttl(fields), mustExist);
		}
		finally {
			invalidate(id);
		}
	}

	private void invalidate(String id) {
		if (this.cache != null) {
			this.cache.invalidate(key(id));
		}
	}

	private Duration ttl(Map<String, @Nullable Object> set) {
		Object seconds = set.get(MAX_INACTIVE_INTERVAL);
		return (seconds instanceof Number number) ? Duration.ofSeconds(number.longValue()) : this.maxInactiveInterval;
	}

	@Override
	public @Nullable RedisSession findById(String id) {
		if (!SessionIds.couldBeIssued(id)) {
			// a cookie anyone can make up: no cache entry, no Redis read
			return null;
		}
		if (this.readThrough) {
			return loaded(id, this.reader.read(key(id)));
		}
		RedisSession justSaved = this.savedThisRequest.take(id);
		if (justSaved != null) {
			return justSaved;
		}
		return loaded(id, this.reader.read(key(id), (at) -> this.savedThisRequest.read(id, at)));
	}

	private @Nullable RedisSession loaded(String id, Map<String, Object> record) {
		if (record.isEmpty()) {
			return null;
		}
		MapSession loaded = this.mapper.apply(id, record);
		if (loaded == null || loaded.isExpired()) {
			deleteById(id);
			return null;
		}
		return new RedisSession(loaded, loaded.getLastAccessedTime());
	}

	/**
	 * Marks a session's lock released (unless held) whenever the session is deleted: see
	 * {@link DeletionMarks}.
	 * @param lockKeys the lock key of a session id
	 * @param mark what a released lock holds
	 * @param lifetime how long the mark lives
	 */
	public void markLocksOnDelete(Function<String, String> lockKeys, String mark, Duration lifetime) {
		this.deletionMarks.use(lockKeys, mark, lifetime);
	}

	@Override
	public void deleteById(String id) {
		if (!SessionIds.couldBeIssued(id)) {
			return;
		}
		forget(id);
		// the mark first: a refresh that takes the lock after it reads again
		this.deletionMarks.mark(this.redis, id);
		try {
			this.redis.delete(key(id));
		}
		finally {
			invalidate(id);
		}
	}

	private String key(String id) {
		return this.keyPrefix + id;
	}

}
