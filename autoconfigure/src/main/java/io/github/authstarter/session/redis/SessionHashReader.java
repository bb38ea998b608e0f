package io.github.authstarter.session.redis;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Reads a session's hash: field names and their values, parsed, from memory when the
 * {@link TrackedSessionCache} holds it, else with one {@code HGETALL}, which the cache
 * then keeps, parsed, unless a change raced the read.
 */
final class SessionHashReader {

	private final RedisOperations<String, Object> redis;

	private final RedisSerializer<Object> values;

	private final @Nullable TrackedSessionCache cache;

	/**
	 * Creates the reader.
	 * @param redis the Redis connection
	 * @param values the serializer of hash values
	 * @param cache the records held in memory, or {@code null} to read every one from
	 * Redis
	 */
	SessionHashReader(RedisOperations<String, Object> redis, RedisSerializer<Object> values,
			@Nullable TrackedSessionCache cache) {
		this.redis = redis;
		this.values = values;
		this.cache = cache;
	}

	Map<String, Object> read(String key) {
		return read(key, null);
	}

	/**
	 * Reads a session's hash.
	 * @param key the session's key
	 * @param readAt told {@link System#nanoTime()} before the read was sent to Redis, or
	 * {@code null} when memory answered
	 * @return the fields, empty when there is no such session
	 */
	Map<String, Object> read(String key, @Nullable Consumer<@Nullable Long> readAt) {
		TrackedSessionCache cache = this.cache;
		Map<String, Object> held = (cache != null) ? cache.get(key) : null;
		if (held != null) {
			if (readAt != null) {
				readAt.accept(null);
			}
			return held;
		}
		if (readAt != null) {
			readAt.accept(System.nanoTime());
		}
		Object reservation = (cache != null) ? cache.reserve(key) : null;
		byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
		Map<String, Object> fields = new HashMap<>();
		Map<String, Object> record = Collections.unmodifiableMap(fields);
		boolean stored = false;
		try {
			RedisCallback<Map<byte[], byte[]>> hgetall = (connection) -> connection.hashCommands().hGetAll(rawKey);
			// the connection itself: the close-suppressing proxy the template builds
			// otherwise costs more than the call
			Map<byte[], byte[]> raw = (this.redis instanceof RedisTemplate<String, Object> template)
					? template.execute(hgetall, true) : this.redis.execute(hgetall);
			if (raw != null) {
				// parsed once per read from Redis: a held record serves many requests
				raw.forEach((field, value) -> {
					// an unreadable value is a missing field: the mapper then discards a
					// session that lacks one it needs, rather than every request failing
					Object parsed = this.values.deserialize(value);
					if (parsed != null) {
						fields.put(new String(field, StandardCharsets.UTF_8), parsed);
					}
				});
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

}
