package io.github.authstarter.session.redis;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The sessions a request has just written, by id: Spring Session reads the session again
 * right after saving it (to decide about the cookie), and that read needs no round trip.
 * Also when the request first read each session from Redis itself. Only between
 * {@link #begin()} and {@link #end()}, on the request's thread.
 */
final class SavedThisRequest {

	private final ThreadLocal<Map<String, RedisSession>> saved = new ThreadLocal<>();

	private final ThreadLocal<Map<String, Long>> readAt = new ThreadLocal<>();

	/** A first read answered from memory: its time says nothing about Redis. */
	private static final Long FROM_MEMORY = Long.MIN_VALUE;

	/**
	 * Starts remembering, unless an outer dispatch of the same request already did.
	 * @return whether this call started it, and so must end it
	 */
	boolean begin() {
		if (this.saved.get() != null) {
			return false;
		}
		this.saved.set(new HashMap<>());
		this.readAt.set(new HashMap<>(2));
		return true;
	}

	void end() {
		this.saved.remove();
		this.readAt.remove();
	}

	/**
	 * The request read a session: only the first read counts, the one the request's
	 * session came from.
	 * @param id the session id
	 * @param at {@link System#nanoTime()} before the read was sent to Redis, or
	 * {@code null} when it was answered from memory
	 */
	void read(String id, @Nullable Long at) {
		Map<String, Long> reads = this.readAt.get();
		if (reads != null && !reads.containsKey(id)) {
			reads.put(id, (at != null) ? at : FROM_MEMORY);
		}
	}

	/** When the request first read the session, if it did so from Redis itself. */
	@Nullable Long readFromRedisAt(String id) {
		Map<String, Long> reads = this.readAt.get();
		Long at = (reads != null) ? reads.get(id) : null;
		return (at != null && at != FROM_MEMORY) ? at : null;
	}

	void remember(RedisSession session) {
		Map<String, RedisSession> sessions = this.saved.get();
		if (sessions != null) {
			sessions.put(session.getId(), session);
		}
	}

	void forget(String id) {
		Map<String, RedisSession> sessions = this.saved.get();
		if (sessions != null) {
			sessions.remove(id);
		}
	}

	/** The session this request has just saved under the id, taken once. */
	@Nullable RedisSession take(String id) {
		Map<String, RedisSession> sessions = this.saved.get();
		return (sessions != null) ? sessions.remove(id) : null;
	}

}
