package io.github.authstarter.logout;

import java.time.Duration;

import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.SessionRefreshLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Ends a session for good, whatever instance it is used on: under the session's refresh
 * lock it reads the record as Redis holds it, revokes that record's refresh token at the
 * provider, and ends the session. A record read anywhere else may hold a refresh token a
 * refresh has already rotated, leaving the newest alive; a session ended after the lock
 * is released could be refreshed in between, minting tokens nobody revokes.
 */
public final class SessionRevoker {

	private static final Log logger = LogFactory.getLog(SessionRevoker.class);

	private final SessionRefreshLock lock;

	private final SessionRepository<? extends Session> sessions;

	private final SessionUserStore store;

	private final ClientRegistrationRepository registrations;

	private final TokenRevoker revoker;

	private final Duration lockWait;

	/**
	 * Creates the revoker.
	 * @param lock the per-session lock refreshes run under
	 * @param sessions the shared sessions, read as Redis holds them (never from memory)
	 * @param store reads the session record
	 * @param registrations the providers
	 * @param revoker revokes tokens
	 * @param lockWait how long to wait for a refresh running elsewhere
	 */
	public SessionRevoker(SessionRefreshLock lock, SessionRepository<? extends Session> sessions,
			SessionUserStore store, ClientRegistrationRepository registrations, TokenRevoker revoker,
			Duration lockWait) {
		this.lock = lock;
		this.sessions = sessions;
		this.store = store;
		this.registrations = registrations;
		this.revoker = revoker;
		this.lockWait = lockWait;
	}

	/**
	 * Revokes the refresh token of a stored session and deletes the session.
	 * @param sessionId the session
	 */
	public void end(String sessionId) {
		end(sessionId, () -> this.sessions.deleteById(sessionId));
	}

	/**
	 * Revokes the refresh token of a stored session, then ends it the caller's way, both
	 * under the session's lock.
	 * @param sessionId the session
	 * @param ending ends the session: deletes it, or, for the session of the request,
	 * invalidates it through the request so that the end of the request cannot save it
	 * back
	 */
	public void end(String sessionId, Runnable ending) {
		try (SessionRefreshLock.Held held = this.lock.acquire(sessionId, this.lockWait)) {
			if (held == null) {
				logger.warn("Ending a session went ahead while a refresh was still running elsewhere");
			}
			SessionUser user = stored(sessionId);
			if (user != null) {
				revoke(user);
			}
			ending.run();
		}
	}

	private @Nullable SessionUser stored(String sessionId) {
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
			logger.warn("Ending a session whose record is unreadable: its refresh token is not revoked");
			return null;
		}
	}

	private void revoke(SessionUser user) {
		ClientRegistration registration;
		try {
			registration = this.registrations.findByRegistrationId(user.provider());
		}
		catch (ProviderUnavailableException ex) {
			logger.warn("Ending a session of provider '" + user.provider()
					+ "' without revoking its refresh token: provider_unavailable");
			return;
		}
		if (registration != null) {
			this.revoker.revoke(registration, user);
		}
	}

}
