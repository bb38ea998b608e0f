package io.github.authstarter.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import io.github.authstarter.event.TokenRefreshOutcome;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.session.redis.SingleReadRedisSessionRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Work on a session's record, at most once at a time across instances: the winner of the
 * session's lock does it on the record as Redis holds it and stores the result before it
 * releases the lock; a request that finds it done (by another request, on any instance)
 * adopts that. Also the record's reads and writes under the lock that the refresher's
 * failures need.
 */
public final class SessionRecordFlight {

	private static final Log logger = LogFactory.getLog(SingleFlightTokenRefresher.class);

	private final SessionRefreshLock lock;

	private final SessionRepository<? extends Session> sessions;

	private final SessionUserStore store;

	private final Duration waitTimeout;

	private final Clock clock;

	/**
	 * Creates the flight.
	 * @param lock the per-session lock, shared with logout
	 * @param sessions the shared sessions, as Redis holds them
	 * @param store the session record store
	 * @param waitTimeout how long a request waits for a flight running elsewhere
	 * @param clock the starter's clock, which waits are measured on
	 */
	public SessionRecordFlight(SessionRefreshLock lock, SessionRepository<? extends Session> sessions,
			SessionUserStore store, Duration waitTimeout, Clock clock) {
		this.lock = lock;
		this.sessions = sessions;
		this.store = store;
		this.waitTimeout = waitTimeout;
		this.clock = clock;
	}

	/**
	 * Runs the work once across instances.
	 * @param doneUnderLock whether the record as Redis holds it under the lock needs no
	 * work any more
	 * @param doneMeanwhile whether the record another request stored while this one
	 * waited is the result
	 * @param work the work, given the session id and the record under the lock
	 */
	Flight run(HttpServletRequest request, SessionUser user, Predicate<SessionUser> doneUnderLock,
			Predicate<SessionUser> doneMeanwhile, BiFunction<String, SessionUser, SessionUser> work) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			throw new ReauthenticationRequiredException(user.provider());
		}
		Instant deadline = this.clock.instant().plus(this.waitTimeout);
		// only the first attempt may decide on the request's own read
		Long readAt = readAt(request, session.getId(), user);
		while (true) {
			try (SessionRefreshLock.Held held = this.lock.tryAcquire(session.getId())) {
				if (held != null) {
					// nothing released the lock since shortly before the request's read:
					// the record is what Redis holds, no need to read it again
					SessionUser latest = (readAt != null && held.unchangedSince(readAt)) ? user
							: read(storedOrSignedOut(session.getId(), user), user);
					if (doneUnderLock.test(latest)) {
						return new Flight(adopt(request, latest), TokenRefreshOutcome.WAITED_FOR_OTHER_INSTANCE);
					}
					SessionUser refreshed = work.apply(session.getId(), latest);
					if (!write(session.getId(), refreshed, held)) {
						// the session ended during the grant: its new tokens serve nobody
						throw new ReauthenticationRequiredException(user.provider());
					}
					return new Flight(adopt(request, refreshed), TokenRefreshOutcome.REFRESHED);
				}
			}
			readAt = null;
			if (logger.isDebugEnabled()) {
				logger.debug("Waiting for a refresh of provider '" + user.provider() + "' held by another request");
			}
			this.lock.awaitRelease(session.getId(), deadline);
			SessionUser latest = read(storedOrSignedOut(session.getId(), user), user);
			if (doneMeanwhile.test(latest)) {
				return new Flight(adopt(request, latest), TokenRefreshOutcome.WAITED_FOR_OTHER_INSTANCE);
			}
			if (this.clock.instant().isAfter(deadline)) {
				throw new TokenRefreshUnavailableException(user.provider(),
						new IllegalStateException("another instance's refresh did not finish in time"));
			}
		}
	}

	/**
	 * The session as Redis has it now. A session that was deleted meanwhile (a logout on
	 * another instance) is never refreshed: a grant now would mint tokens nobody could
	 * revoke.
	 */
	private Session storedOrSignedOut(String sessionId, SessionUser fallback) {
		Session session = this.sessions.findById(sessionId);
		if (session == null || session.getAttribute(SessionUserStore.ATTRIBUTE) == null) {
			throw new ReauthenticationRequiredException(fallback.provider());
		}
		return session;
	}

	/** The record Redis holds now, or the fallback where it holds none it can read. */
	SessionUser latest(String sessionId, SessionUser fallback) {
		Session session = this.sessions.findById(sessionId);
		return (session != null) ? read(session, fallback) : fallback;
	}

	private SessionUser read(Session session, SessionUser fallback) {
		Object json = session.getAttribute(SessionUserStore.ATTRIBUTE);
		if (!(json instanceof String text)) {
			return fallback;
		}
		try {
			return this.store.deserialize(text);
		}
		catch (IllegalArgumentException ex) {
			return fallback;
		}
	}

	/**
	 * Writes the record through to Redis before the lock is released, so waiters on other
	 * instances read the new tokens, and uses it for the rest of this request.
	 */
	SessionUser store(HttpServletRequest request, String sessionId, SessionUser refreshed) {
		Session session = this.sessions.findById(sessionId);
		if (session != null) {
			write(session, refreshed);
		}
		return adopt(request, refreshed);
	}

	/**
	 * Writes only the record. The starter's store writes it only while the session still
	 * holds one, so a session that ended during the grant is not brought back, and
	 * releases the lock in the same step; another store (Spring Session's own writes
	 * without looking) is asked first whether the session is still there.
	 */
	private void write(Session session, SessionUser refreshed) {
		if (!(this.sessions instanceof SingleReadRedisSessionRepository)
				&& this.sessions.findById(session.getId()) == null) {
			return;
		}
		session.setAttribute(SessionUserStore.ATTRIBUTE, this.store.serialize(refreshed));
		save(session);
	}

	/** Writes the record and releases the lock; whether the session was still there. */
	private boolean write(String sessionId, SessionUser refreshed, SessionRefreshLock.Held held) {
		if (this.sessions instanceof SingleReadRedisSessionRepository repository) {
			boolean written = repository.replaceAttribute(sessionId, SessionUserStore.ATTRIBUTE,
					this.store.serialize(refreshed), held.release(), held::released);
			if (!written) {
				logger.debug("Session ended while its tokens were refreshed; not written back");
			}
			return written;
		}
		Session session = this.sessions.findById(sessionId);
		if (session == null || session.getAttribute(SessionUserStore.ATTRIBUTE) == null) {
			return false;
		}
		session.setAttribute(SessionUserStore.ATTRIBUTE, this.store.serialize(refreshed));
		save(session);
		return true;
	}

	/**
	 * When the starter's store read the request's record from Redis, if the record in use
	 * is still that one.
	 */
	private @Nullable Long readAt(HttpServletRequest request, String sessionId, SessionUser user) {
		return (this.sessions instanceof SingleReadRedisSessionRepository repository
				&& this.store.readFromSession(request) == user) ? repository.readAt(sessionId) : null;
	}

	/** Ends the sign-in: the record leaves this request and the stored session. */
	void signOut(HttpServletRequest request, String sessionId) {
		this.store.remove(request);
		Session session = this.sessions.findById(sessionId);
		if (session != null) {
			session.removeAttribute(SessionUserStore.ATTRIBUTE);
			save(session);
		}
	}

	/**
	 * Uses a record the lock holder has already stored in Redis for the rest of this
	 * request only. Writing it into this request's session would save it again when the
	 * request ends, possibly over a newer record another instance stored meanwhile.
	 */
	private SessionUser adopt(HttpServletRequest request, SessionUser user) {
		this.store.useForThisRequest(request, user);
		return user;
	}

	@SuppressWarnings("unchecked")
	private <S extends Session> void save(Session session) {
		((SessionRepository<S>) this.sessions).save((S) session);
	}

	/**
	 * The record a flight ended with, and how.
	 *
	 * @param user the record
	 * @param outcome how the flight ended
	 */
	record Flight(SessionUser user, TokenRefreshOutcome outcome) {
	}

}
