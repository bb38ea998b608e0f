package io.github.authstarter.session.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.data.redis.core.RedisOperations;
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

	private final RedisOperations<String, Object> redis;

	private final RedisSerializer<Object> values;

	SessionHashWriter(RedisOperations<String, Object> redis, RedisSerializer<Object> values) {
		this.redis = redis;
		this.values = values;
	}

	/**
	 * Writes the change.
	 * @param key the session's key
	 * @param set the fields to set, with their values
	 * @param removed the fields to delete
	 * @param ttl the session's expiry from now
	 * @param mustExist whether to write only if the session still exists
	 * @return whether it was written
	 */
	boolean write(String key, Map<String, Object> set, List<String> removed, Duration ttl, boolean mustExist) {
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

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
