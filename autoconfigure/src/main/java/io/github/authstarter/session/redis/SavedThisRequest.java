package io.github.authstarter.session.redis;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The sessions a request has just written, by id: Spring Session reads the session again
 * right after saving it (to decide about the cookie), and that read needs no round trip.
 * Also when the request first read each session from Redis itself. Only between
 * {@link #begin()} and {@link #end()}, on the request's thread; the maps are made when
 * first needed, as most requests write nothing.
 */
final class SavedThisRequest {

	/** A first read answered from memory: its time says nothing about Redis. */
	private static final long FROM_MEMORY = Long.MIN_VALUE;

	private final ThreadLocal<Scope> scope = new ThreadLocal<>();

	/**
	 * Starts remembering, unless an outer dispatch of the same request already did.
	 * @return whether this call started it, and so must end it
	 */
	boolean begin() {
		if (this.scope.get() != null) {
			return false;
		}
		this.scope.set(new Scope());
		return true;
	}

	void end() {
		this.scope.remove();
	}

	void remember(RedisSession session) {
		Scope scope = this.scope.get();
		if (scope != null) {
			scope.saved().put(session.getId(), session);
		}
	}

	void forget(String id) {
		Scope scope = this.scope.get();
		if (scope != null && scope.saved != null) {
			scope.saved.remove(id);
		}
	}

	/** The session this request has just saved under the id, taken once. */
	@Nullable RedisSession take(String id) {
		Scope scope = this.scope.get();
		return (scope != null && scope.saved != null) ? scope.saved.remove(id) : null;
	}

	/**
	 * The request read a session: only the first read counts, the one the request's
	 * session came from.
	 * @param id the session id
	 * @param at {@link System#nanoTime()} before the read was sent to Redis, or
	 * {@code null} when it was answered from memory
	 */
	void read(String id, @Nullable Long at) {
		Scope scope = this.scope.get();
		if (scope == null) {
			return;
		}
		if (scope.firstRead == null) {
			scope.firstRead = id;
			scope.firstReadAt = (at != null) ? at : FROM_MEMORY;
		}
		else if (!scope.firstRead.equals(id)) {
			// another session in the same request: its time is not kept, so it is
			// never taken for the first one's
			scope.otherReads().putIfAbsent(id, (at != null) ? at : FROM_MEMORY);
		}
	}

	/** When the request first read the session, if it did so from Redis itself. */
	@Nullable Long readFromRedisAt(String id) {
		Scope scope = this.scope.get();
		if (scope == null) {
			return null;
		}
		long at = id.equals(scope.firstRead) ? scope.firstReadAt
				: (scope.otherReads != null) ? scope.otherReads.getOrDefault(id, FROM_MEMORY) : FROM_MEMORY;
		return (at != FROM_MEMORY) ? at : null;
	}

	/** One request's writes and reads. */
	private static final class Scope {

		private @Nullable Map<String, RedisSession> saved;

		/** The session a request reads first, nearly always its only one. */
		private @Nullable String firstRead;

		private long firstReadAt;

		private @Nullable Map<String, Long> otherReads;

		Map<String, RedisSession> saved() {
			if (this.saved == null) {
				this.saved = new HashMap<>(4);
			}
			return this.saved;
		}

		Map<String, Long> otherReads() {
			if (this.otherReads == null) {
				this.otherReads = new HashMap<>(4);
			}
			return this.otherReads;
		}

	}

}
