package io.github.authstarter.session.redis;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The sessions a request has just written, by id: Spring Session reads the session again
 * right after saving it (to decide about the cookie), and that read needs no round trip.
 * Only between {@link #begin()} and {@link #end()}, on the request's thread.
 */
final class SavedThisRequest {

	private final ThreadLocal<Map<String, RedisSession>> saved = new ThreadLocal<>();

	/**
	 * Starts remembering, unless an outer dispatch of the same request already did.
	 * @return whether this call started it, and so must end it
	 */
	boolean begin() {
		if (this.saved.get() != null) {
			return false;
		}
		this.saved.set(new HashMap<>());
		return true;
	}

	void end() {
		this.saved.remove();
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
