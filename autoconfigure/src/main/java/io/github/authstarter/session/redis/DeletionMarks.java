package io.github.authstarter.session.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The release mark a session's deletion leaves on the session's lock, as a lock holder's
 * release does, unless someone holds the lock: a refresh that read the session a moment
 * before then reads it again under the lock, and finds it gone. Shared by a store and its
 * views; nothing is marked until {@link #use} names the locks.
 */
final class DeletionMarks {

	private volatile @Nullable Function<String, String> lockKeys;

	private volatile byte[] mark = new byte[0];

	private volatile Duration lifetime = Duration.ZERO;

	void use(Function<String, String> lockKeys, String mark, Duration lifetime) {
		this.mark = mark.getBytes(StandardCharsets.UTF_8);
		this.lifetime = lifetime;
		this.lockKeys = lockKeys;
	}

	/** Marks the lock of a session about to be deleted, unless it is held. */
	void mark(RedisOperations<String, Object> redis, String sessionId) {
		Function<String, String> lockKeys = this.lockKeys;
		if (lockKeys == null) {
			return;
		}
		byte[] key = lockKeys.apply(sessionId).getBytes(StandardCharsets.UTF_8);
		byte[] value = this.mark;
		Expiration expiration = Expiration.from(this.lifetime);
		redis.execute((RedisCallback<Boolean>) (connection) -> connection.stringCommands()
			.set(key, value, expiration, SetOption.ifAbsent()));
	}

}
