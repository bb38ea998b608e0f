package io.github.authstarter.logout;

import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.session.SessionUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * Ends a session for good, whatever instance it is used on: under the session's refresh
 * lock it reads the record as Redis holds it, revokes that record's refresh token at the
 * provider, and ends the session.
 */
public final class SessionRevoker {

	private static final Log logger = LogFactory.getLog(SessionRevoker.class);

	private final NewestSessionRecord records;

	private final ClientRegistrationRepository registrations;

	private final TokenRevoker revoker;

	/**
	 * Creates the revoker.
	 * @param records the sessions' newest records, under their locks
	 * @param registrations the providers
	 * @param revoker revokes tokens
	 */
	public SessionRevoker(NewestSessionRecord records, ClientRegistrationRepository registrations,
			TokenRevoker revoker) {
		this.records = records;
		this.registrations = registrations;
		this.revoker = revoker;
	}

	/**
	 * Revokes the refresh token of a stored session and deletes the session.
	 * @param sessionId the session
	 */
	public void end(String sessionId) {
		end(sessionId, () -> this.records.delete(sessionId));
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
		this.records.underLock(sessionId, (user) -> {
			if (user != null) {
				revoke(user);
			}
			ending.run();
		});
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
