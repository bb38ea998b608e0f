package io.github.authstarter.session.redis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;

/**
 * Reads a session's hash as Redis holds it: field names and serialized values, from
 * memory when the {@link TrackedSessionCache} holds it, else with one {@code HGETALL},
 * which the cache then keeps unless a change raced the read.
 */
final class SessionHashReader {

	private final RedisOperations<String, Object> redis;

	private final @Nullable TrackedSessionCache cache;

	/**
	 * Creates the reader.
	 * @param redis the Redis connection
	 * @param cache the records held in memory, or {@code null} to read every one from
	 * Redis
	 */
	SessionHashReader(RedisOperations<String, Object> redis, @Nullable TrackedSessionCache cache) {
		this.redis = redis;
		this.cache = cache;
	}

	Map<String, byte[]> read(String key) {
		TrackedSessionCache cache = this.cache;
		Map<String, byte[]> held = (cache != null) ? cache.get(key) : null;
		if (held != null) {
			return held;
		}
		Object reservation = (cache != null) ? cache.reserve(key) : null;
		byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
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

}
