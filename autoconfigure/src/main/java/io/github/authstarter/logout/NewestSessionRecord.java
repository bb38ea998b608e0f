package io.github.authstarter.logout;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.SessionRefreshLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * A session's record as Redis holds it, read under the session's refresh lock, for work
 * that must see the newest tokens and finish before another refresh can begin: a
 * revocation that read an older record would leave a rotated refresh token alive, and a
 * session ended after the lock is released could be refreshed in between, minting tokens
 * nobody revokes.
 */
public final class NewestSessionRecord {

	private static final Log logger = LogFactory.getLog(NewestSessionRecord.class);

	private final SessionRefreshLock lock;

	private final SessionRepository<? extends Session> sessions;

	private final SessionUserStore store;

	private final Duration lockWait;

	/**
	 * Creates the reader.
	 * @param lock the per-session lock refreshes run under
	 * @param sessions the shared sessions, read as Redis holds them (never from memory)
	 * @param store reads the session record
	 * @param lockWait how long to wait for a refresh running elsewhere
	 */
	public NewestSessionRecord(SessionRefreshLock lock, SessionRepository<? extends Session> sessions,
			SessionUserStore store, Duration lockWait) {
		this.lock = lock;
		this.sessions = sessions;
		this.store = store;
		this.lockWait = lockWait;
	}

	/**
	 * Runs work with the session's newest record under its lock. A refresh that outlives
	 * the wait does not stop the work: ending a session never waits without bound.
	 * @param sessionId the session
	 * @param work given the record, or {@code null} when the session has none or it is
	 * unreadable
	 */
	void underLock(String sessionId, Consumer<@Nullable SessionUser> work) {
		try (SessionRefreshLock.Held held = this.lock.acquire(sessionId, this.lockWait)) {
			if (held == null) {
				logger.warn("Ending a session went ahead while a refresh was still running elsewhere");
			}
			work.accept(read(sessionId));
		}
	}

	/**
	 * Deletes the session; called from the work, so no refresh starts on a session being
	 * ended.
	 * @param sessionId the session
	 */
	void delete(String sessionId) {
		this.sessions.deleteById(sessionId);
	}

	private @Nullable SessionUser read(String sessionId) {
		Session session = this.sessions.findById(sessionId);
		Object json = (session != null) ? session.getAttribute(SessionUserStore.ATTRIBUTE) : null;
		if (!(json instanceof String text)) {
			return null;
		}
		try {
			return this.store.deserialize(text);
		}
		catch (IllegalArgumentException ex) {
			// an unreadable record names no token to revoke; the session still ends
			logger.warn("Ending a session whose stored record is unreadable");
			return null;
		}
	}

}
