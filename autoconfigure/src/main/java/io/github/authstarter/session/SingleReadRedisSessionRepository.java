package io.github.authstarter.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.MapSession;
import org.springframework.session.Session;
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
public final class SingleReadRedisSessionRepository
		implements SessionRepository<SingleReadRedisSessionRepository.RedisSession> {

	private static final Log logger = LogFactory.getLog(SingleReadRedisSessionRepository.class);

	static final String CREATION_TIME = "creationTime";

	static final String LAST_ACCESSED_TIME = "lastAccessedTime";

	static final String MAX_INACTIVE_INTERVAL = "maxInactiveInterval";

	static final String ATTRIBUTE_PREFIX = "sessionAttr:";

	/**
	 * KEYS[1]: the session; ARGV: must-exist flag, TTL in ms, the number of fields to
	 * set, those field/value pairs, then the fields to delete.
	 */
	private static final RedisScript<Long> WRITE = RedisScript.of("""
			if ARGV[1] == '1' and redis.call('EXISTS', KEYS[1]) == 0 then
				return 0
			end
			local count = tonumber(ARGV[3])
			if count > 0 then
				local fields = {}
				for i = 4, 3 + 2 * count do
					fields[#fields + 1] = ARGV[i]
				end
				redis.call('HSET', KEYS[1], unpack(fields))
			end
			local removed = {}
			for i = 4 + 2 * count, #ARGV do
				removed[#removed + 1] = ARGV[i]
			end
			if #removed > 0 then
				redis.call('HDEL', KEYS[1], unpack(removed))
			end
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			return 1
			""", Long.class);

	private final RedisOperations<String, Object> redis;

	private final RedisSerializer<Object> values;

	private final String keyPrefix;

	private final Duration maxInactiveInterval;

	private final Duration touchInterval;

	private final TolerantRedisSessionMapper mapper = new TolerantRedisSessionMapper();

	private final SessionIdGenerator ids = UuidSessionIdGenerator.getInstance();

	private final @Nullable TrackedSessionCache cache;

	/** Whether reads skip the cache: a view for those that must see Redis itself. */
	private final boolean readThrough;

	/**
	 * Sessions this request has just written, by id: Spring Session reads the session
	 * again right after saving it (to decide about the cookie), and that read needs no
	 * round trip. Only while {@link #beginRequest()} is in effect.
	 */
	private final ThreadLocal<Map<String, RedisSession>> savedThisRequest = new ThreadLocal<>();

	/**
	 * Creates the repository.
	 * @param redis Redis, with string keys and hash keys and {@code values} for hash
	 * values
	 * @param values the serializer of hash values, the same as {@code redis} uses
	 * @param namespace the key namespace, {@code spring:session} by default
	 * @param maxInactiveInterval the idle timeout of new sessions
	 * @param touchInterval how long an unchanged session goes without extending its
	 * expiry
	 * @param cache records held in memory between invalidations, or {@code null} to read
	 * every request's record from Redis
	 */
	public SingleReadRedisSessionRepository(RedisOperations<String, Object> redis, RedisSerializer<Object> values,
			String namespace, Duration maxInactiveInterval, Duration touchInterval,
			@Nullable TrackedSessionCache cache) {
		this(redis, values, namespace + ":sessions:", maxInactiveInterval, touchInterval, cache, false);
	}

	private SingleReadRedisSessionRepository(RedisOperations<String, Object> redis, RedisSerializer<Object> values,
			String keyPrefix, Duration maxInactiveInterval, Duration touchInterval, @Nullable TrackedSessionCache cache,
			boolean readThrough) {
		this.redis = redis;
		this.values = values;
		this.keyPrefix = keyPrefix;
		this.maxInactiveInterval = maxInactiveInterval;
		this.touchInterval = touchInterval;
		this.cache = cache;
		this.readThrough = readThrough;
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
		RedisTemplate<String, Object> redis = new RedisTemplate<>();
		redis.setConnectionFactory(connections);
		redis.setKeySerializer(RedisSerializer.string());
		redis.setHashKeySerializer(RedisSerializer.string());
		redis.setValueSerializer(values);
		redis.setHashValueSerializer(values);
		redis.afterPropertiesSet();
		return new SingleReadRedisSessionRepository(redis, values, namespace, maxInactiveInterval, touchInterval,
				cache);
	}

	/**
	 * The same store, reading every record from Redis itself: for readers that decide on
	 * what Redis holds this instant, such as a token refresh under its lock, which must
	 * not wait for an invalidation to arrive. Its writes still invalidate the cache.
	 * @return a view of this store that never answers from memory
	 */
	public SingleReadRedisSessionRepository readingThrough() {
		return (this.cache != null) ? new SingleReadRedisSessionRepository(this.redis, this.values, this.keyPrefix,
				this.maxInactiveInterval, this.touchInterval, this.cache, true) : this;
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
		if (this.savedThisRequest.get() != null) {
			return false;
		}
		this.savedThisRequest.set(new HashMap<>());
		return true;
	}

	/**
	 * Forgets what this request wrote.
	 */
	public void endRequest() {
		this.savedThisRequest.remove();
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
			write(session.getId(), session.allFields(), List.of(), false);
		}
		else if (!session.getId().equals(session.originalId)) {
			// a new id (login): the session moves to a new key; the old key may live in
			// another Cluster slot, so this is a write and a delete, not a RENAME
			write(session.getId(), session.allFields(), List.of(), false);
			this.redis.delete(key(session.originalId));
			invalidate(session.originalId);
		}
		else {
			Map<String, Object> changed = session.changedFields(this.touchInterval);
			if (changed.isEmpty()) {
				remember(session);
				return;
			}
			Map<String, Object> set = new LinkedHashMap<>();
			List<String> removed = new ArrayList<>();
			changed.forEach((field, value) -> {
				if (value != null) {
					set.put(field, value);
				}
				else {
					removed.add(field);
				}
			});
			if (!write(session.getId(), set, removed, true)) {
				logger.debug("Session ended elsewhere while its request ran; not written back");
				forget(session.getId());
				return;
			}
		}
		session.saved();
		remember(session);
	}

	private void remember(RedisSession session) {
		Map<String, RedisSession> saved = this.savedThisRequest.get();
		if (saved != null) {
			saved.put(session.getId(), session);
		}
	}

	private void forget(String id) {
		Map<String, RedisSession> saved = this.savedThisRequest.get();
		if (saved != null) {
			saved.remove(id);
		}
	}

	private boolean write(String id, Map<String, Object> set, List<String> removed, boolean mustExist) {
		List<Object> args = new ArrayList<>();
		args.add(bytes(mustExist ? "1" : "0"));
		args.add(bytes(Long.toString(ttl(set).toMillis())));
		args.add(bytes(Integer.toString(set.size())));
		set.forEach((field, value) -> {
			args.add(bytes(field));
			args.add(this.values.serialize(value));
		});
		removed.forEach((field) -> args.add(bytes(field)));
		try {
			Long written = this.redis.execute(WRITE, RedisSerializer.byteArray(),
					new GenericToStringSerializer<>(Long.class), List.of(key(id)), args.toArray());
			return written != null && written == 1L;
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

	private Duration ttl(Map<String, Object> set) {
		Object seconds = set.get(MAX_INACTIVE_INTERVAL);
		return (seconds instanceof Number number) ? Duration.ofSeconds(number.longValue()) : this.maxInactiveInterval;
	}

	@Override
	public @Nullable RedisSession findById(String id) {
		if (!SessionIds.couldBeIssued(id)) {
			// a cookie anyone can make up: no cache entry, no Redis read
			return null;
		}
		Map<String, RedisSession> saved = this.savedThisRequest.get();
		RedisSession justSaved = (saved != null) ? saved.remove(id) : null;
		if (justSaved != null) {
			return justSaved;
		}
		Map<String, byte[]> record = read(key(id));
		if (record.isEmpty()) {
			return null;
		}
		Map<String, Object> fields = new HashMap<>();
		record.forEach((field, value) -> fields.put(field, this.values.deserialize(value)));
		MapSession loaded = this.mapper.apply(id, fields);
		if (loaded == null || loaded.isExpired()) {
			deleteById(id);
			return null;
		}
		return new RedisSession(loaded, loaded.getLastAccessedTime());
	}

	/**
	 * The record of a key as Redis holds it: field names and serialized values, from
	 * memory when the cache holds it, else with one {@code HGETALL}.
	 */
	private Map<String, byte[]> read(String key) {
		TrackedSessionCache cache = this.readThrough ? null : this.cache;
		Map<String, byte[]> held = (cache != null) ? cache.get(key) : null;
		if (held != null) {
			return held;
		}
		Object reservation = (cache != null) ? cache.reserve(key) : null;
		byte[] rawKey = bytes(key);
		Map<String, byte[]> record = new HashMap<>();
		boolean stored = false;
		try {
			Map<byte[], byte[]> raw = this.redis.execute(
					(RedisCallback<Map<byte[], byte[]>>) (connection) -> connection.hashCommands().hGetAll(rawKey));
			if (raw != null) {
				raw.forEach((field, value) -> record.put(new String(field, StandardCharsets.UTF_8), value));
			}
			if (cache != null && reservation != null && !record.isEmpty()) {
				cache.store(reservation, key, record);
				stored = true;
			}
		}
		finally {
			if (cache != null && reservation != null && !stored) {
				cache.release(reservation, key);
			}
		}
		return record;
	}

	@Override
	public void deleteById(String id) {
		if (!SessionIds.couldBeIssued(id)) {
			return;
		}
		forget(id);
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

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A session that remembers what changed since it was read, so that only that is
	 * written.
	 */
	public static final class RedisSession implements Session {

		private final MapSession cached;

		private String originalId;

		private @Nullable Instant storedLastAccessedTime;

		private final Map<String, @Nullable Object> changedAttributes = new LinkedHashMap<>();

		private boolean maxInactiveIntervalChanged;

		RedisSession(MapSession cached, @Nullable Instant storedLastAccessedTime) {
			this.cached = cached;
			this.originalId = cached.getId();
			this.storedLastAccessedTime = storedLastAccessedTime;
		}

		boolean isNew() {
			return this.storedLastAccessedTime == null;
		}

		Map<String, Object> allFields() {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put(CREATION_TIME, this.cached.getCreationTime().toEpochMilli());
			fields.put(LAST_ACCESSED_TIME, this.cached.getLastAccessedTime().toEpochMilli());
			fields.put(MAX_INACTIVE_INTERVAL, (int) this.cached.getMaxInactiveInterval().getSeconds());
			for (String name : this.cached.getAttributeNames()) {
				fields.put(ATTRIBUTE_PREFIX + name, this.cached.getAttribute(name));
			}
			return fields;
		}

		Map<String, @Nullable Object> changedFields(Duration touchInterval) {
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			this.changedAttributes.forEach((name, value) -> fields.put(ATTRIBUTE_PREFIX + name, value));
			boolean touchDue = this.storedLastAccessedTime == null
					|| !this.cached.getLastAccessedTime().isBefore(this.storedLastAccessedTime.plus(touchInterval));
			if (this.maxInactiveIntervalChanged || touchDue || !fields.isEmpty()) {
				// any write extends the expiry, so it records the access it extends from
				fields.put(LAST_ACCESSED_TIME, this.cached.getLastAccessedTime().toEpochMilli());
				fields.put(MAX_INACTIVE_INTERVAL, (int) this.cached.getMaxInactiveInterval().getSeconds());
			}
			return fields;
		}

		void saved() {
			this.originalId = this.cached.getId();
			this.storedLastAccessedTime = this.cached.getLastAccessedTime();
			this.changedAttributes.clear();
			this.maxInactiveIntervalChanged = false;
		}

		@Override
		public String getId() {
			return this.cached.getId();
		}

		@Override
		public String changeSessionId() {
			return this.cached.changeSessionId();
		}

		@Override
		public <T> @Nullable T getAttribute(String attributeName) {
			return this.cached.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.cached.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, @Nullable Object attributeValue) {
			this.cached.setAttribute(attributeName, attributeValue);
			this.changedAttributes.put(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			setAttribute(attributeName, null);
		}

		@Override
		public Instant getCreationTime() {
			return this.cached.getCreationTime();
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			this.cached.setLastAccessedTime(lastAccessedTime);
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.cached.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.maxInactiveIntervalChanged = !interval.equals(this.cached.getMaxInactiveInterval());
			this.cached.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.cached.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.cached.isExpired();
		}

	}

}
