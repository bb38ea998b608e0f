package io.github.authstarter.session.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisAccessor;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Writes a change to a session's hash as one atomic Lua script: the fields set, the
 * fields removed and the new expiry, and for an existing session only if it still exists,
 * so a request that ends after a logout on another instance cannot bring it back.
 */
final class SessionHashWriter {

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

	/**
	 * KEYS[1]: the session; ARGV: the field, its value. Sets a field only where it is
	 * already set: one that {@code HSET} reports new was not (the session ended, or its
	 * record was removed) and is taken away again, leaving no key behind.
	 */
	private static final String REPLACE_FIELD = """
			local written = 1
			if redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) == 1 then
				redis.call('HDEL', KEYS[1], ARGV[1])
				written = 0
			end
			""";

	private static final RedisScript<Long> REPLACE = RedisScript.of(REPLACE_FIELD + "return written", Long.class);

	/**
	 * As {@link #REPLACE}, and in the same step KEYS[2], a lock, is released if ARGV[3]
	 * still holds it, or nobody does (a lapsed lease), by setting it to ARGV[4] for
	 * ARGV[5] ms; never over another holder. Both keys in one script only where they need
	 * not share a Cluster slot.
	 */
	private static final RedisScript<Long> REPLACE_RELEASING = RedisScript.of(REPLACE_FIELD + """
			local holder = redis.call('GET', KEYS[2])
			if holder == ARGV[3] or not holder then
				redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[5])
			end
			return written
			""", Long.class);

	private final RedisOperations<String, Object> redis;

	private final RedisSerializer<Object> values;

	/**
	 * Whether a script may write a session and another key: not on a Cluster, where the
	 * two would have to share a slot.
	 */
	private final boolean anyKeysInOneScript;

	SessionHashWriter(RedisOperations<String, Object> redis, RedisSerializer<Object> values) {
		this.redis = redis;
		this.values = values;
		this.anyKeysInOneScript = redis instanceof RedisAccessor accessor
				&& accessor.getConnectionFactory() instanceof LettuceConnectionFactory lettuce
				&& !lettuce.isClusterAware() && lettuce.getClusterConfiguration() == null;
	}

	/**
	 * Writes the change.
	 * @param key the session's key
	 * @param fields the fields to set, with their values, and to delete, with
	 * {@code null}
	 * @param ttl the session's expiry from now
	 * @param mustExist whether to write only if the session still exists
	 * @return whether it was written
	 */
	boolean write(String key, Map<String, @Nullable Object> fields, Duration ttl, boolean mustExist) {
		Map<String, Object> set = new LinkedHashMap<>();
		List<String> removed = new ArrayList<>();
		fields.forEach((field, value) -> {
			if (value != null) {
				set.put(field, value);
			}
			else {
				removed.add(field);
			}
		});
		List<Object> args = new ArrayList<>();
		args.add(bytes(mustExist ? "1" : "0"));
		args.add(bytes(Long.toString(ttl.toMillis())));
		args.add(bytes(Integer.toString(set.size())));
		set.forEach((field, value) -> {
			args.add(bytes(field));
			args.add(this.values.serialize(value));
		});
		removed.forEach((field) -> args.add(bytes(field)));
		Long written = this.redis.execute(WRITE, RedisSerializer.byteArray(),
				new GenericToStringSerializer<>(Long.class), List.of(key), args.toArray());
		return written != null && written == 1L;
	}

	/**
	 * Replaces a field of a session that still has it, and where Redis is not a Cluster
	 * releases a lock in the same step.
	 * @param key the session's key
	 * @param field the field
	 * @param value its new value
	 * @param release the lock's key, its holder, the mark that releases it and the mark's
	 * lifetime in ms
	 * @param released told when the lock was released with the write
	 * @return whether the field was replaced
	 */
	boolean replace(String key, String field, Object value, List<String> release, Runnable released) {
		byte[] serialized = this.values.serialize(value);
		boolean oneStep = this.anyKeysInOneScript;
		Long written = oneStep
				? this.redis.execute(REPLACE_RELEASING, RedisSerializer.byteArray(),
						new GenericToStringSerializer<>(Long.class), List.of(key, release.get(0)), bytes(field),
						serialized, bytes(release.get(1)), bytes(release.get(2)), bytes(release.get(3)))
				: this.redis.execute(REPLACE, RedisSerializer.byteArray(), new GenericToStringSerializer<>(Long.class),
						List.of(key), bytes(field), serialized);
		if (oneStep) {
			released.run();
		}
		return written != null && written == 1L;
	}

	/** A template with string keys and hash keys, and the session's value serializer. */
	static RedisTemplate<String, Object> template(RedisConnectionFactory connections, RedisSerializer<Object> values) {
		RedisTemplate<String, Object> redis = new RedisTemplate<>();
		redis.setConnectionFactory(connections);
		redis.setKeySerializer(RedisSerializer.string());
		redis.setHashKeySerializer(RedisSerializer.string());
		redis.setValueSerializer(values);
		redis.setHashValueSerializer(values);
		redis.afterPropertiesSet();
		return redis;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
