package io.github.authstarter.logout;

import java.io.IOException;
import java.util.Map;

import io.github.authstarter.event.SignOutKind;
import io.github.authstarter.event.SignedOutEvent;
import io.github.authstarter.http.JsonResponses;
import io.github.authstarter.observation.AuthObservationContext;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.observation.AuthOperation;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.micrometer.observation.Observation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * Logout that also ends the provider session. As a {@link LogoutHandler} it runs before
 * the session is deleted: under the session's lock it takes the newest record, revokes
 * its refresh token and settles where the browser goes ({@link EndSessionRedirects}). As
 * a {@link LogoutSuccessHandler} it sends the browser there, or answers
 * {@code {"logoutUrl"}} to JSON clients; providers without an end-session endpoint get a
 * local logout.
 */
public final class ProviderLogoutHandler implements LogoutHandler, LogoutSuccessHandler {

	private static final Log logger = LogFactory.getLog(ProviderLogoutHandler.class);

	private static final String USER = ProviderLogoutHandler.class.getName() + ".user";

	private static final String REGISTRATION = ProviderLogoutHandler.class.getName() + ".registration";

	private static final String TARGET = ProviderLogoutHandler.class.getName() + ".target";

	private static final String UNAVAILABLE = ProviderLogoutHandler.class.getName() + ".unavailable";

	/** The kind of logout, as its observation tells it. */
	private static final String KIND = ProviderLogoutHandler.class.getName() + ".kind";

	private final SessionUserStore store;

	private final ProviderRegistrations registrations;

	private final TokenRevoker revoker;

	private final EndSessionRedirects redirects;

	private final @Nullable NewestSessionRecord records;

	private final @Nullable SessionIndex index;

	private final ApplicationEventPublisher events;

	private final AuthObservations observations;

	/**
	 * Creates the logout.
	 * @param store the session record store
	 * @param registrations the providers
	 * @param revoker revokes tokens
	 * @param redirects where the browser goes after logout
	 * @param records the newest session record under the session's lock, so that logout
	 * revokes the newest refresh token and deletes the session before another refresh can
	 * begin; {@code null} to use the request's record and leave the deletion to Spring
	 * Security
	 * @param index the session index to clean at logout, or {@code null}
	 * @param events where logout events go
	 * @param observations records each logout as {@code auth.logout}
	 */
	public ProviderLogoutHandler(SessionUserStore store, ProviderRegistrations registrations, TokenRevoker revoker,
			EndSessionRedirects redirects, @Nullable NewestSessionRecord records, @Nullable SessionIndex index,
			ApplicationEventPublisher events, AuthObservations observations) {
		this.store = store;
		this.registrations = registrations;
		this.revoker = revoker;
		this.redirects = redirects;
		this.records = records;
		this.index = index;
		this.events = events;
		this.observations = observations;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		SessionUser signedIn = this.store.read(request);
		AuthObservationContext context = this.observations.context(AuthOperation.LOGOUT,
				(signedIn != null) ? signedIn.provider() : "none");
		Observation observation = this.observations.start(context);
		try (Observation.Scope scope = observation.openScope()) {
			logoutUnobserved(request, signedIn);
		}
		catch (RuntimeException ex) {
			// a logout refused (Redis down under the lock) has ended nothing
			context.outcome("failed");
			observation.error(ex);
			throw ex;
		}
		finally {
			if (context.outcome() == null) {
				context.outcome((request.getAttribute(KIND) instanceof String kind) ? kind : "local");
			}
			observation.stop();
		}
	}

	private void logoutUnobserved(HttpServletRequest request, @Nullable SessionUser user) {
		HttpSession session = request.getSession(false);
		NewestSessionRecord records = this.records;
		if (user == null || session == null || records == null) {
			// without the records, Spring Security deletes the session after this: its id
			// stays in the index (a stale id is harmless) rather than leave it first
			logout(request, user);
			return;
		}
		String sessionId = session.getId();
		records.underLock(sessionId, (newest) -> {
			// a refresh that finished while this waited has rotated the tokens
			SessionUser ending = (newest != null) ? newest : user;
			logout(request, ending);
			// deleted under the lock, so no refresh can start on a session being ended
			records.delete(sessionId);
			forgetInIndex(session, ending);
		});
	}

	/**
	 * Takes the session out of the index once nothing can refuse the logout any more: a
	 * logout Redis refused half-way leaves the session signed in, and a back-channel
	 * logout must still find it. An id left behind by a failure after the deletion names
	 * no session and is pruned by the next logout that reads it.
	 */
	private void forgetInIndex(@Nullable HttpSession session, @Nullable SessionUser user) {
		if (this.index == null || session == null || user == null) {
			return;
		}
		String sid = (user.idToken() != null) ? user.idToken().getClaimAsString("sid") : null;
		try {
			this.index.remove(user.provider(), sid, user.subject(), session.getId());
		}
		catch (RuntimeException ex) {
			// the session is ended: a 503 now would lose the end-session redirect
			logger.warn("Logout of provider '" + user.provider() + "' could not clean the session index ("
					+ ex.getClass().getSimpleName() + "); the stale id is pruned by the next logout that reads it");
		}
	}

	private void logout(HttpServletRequest request, @Nullable SessionUser user) {
		if (user == null) {
			return;
		}
		request.setAttribute(USER, user);
		ClientRegistration registration = resolve(request, user.provider());
		if (registration != null) {
			request.setAttribute(REGISTRATION, registration);
			this.revoker.revoke(registration, user);
		}
		// the end-session redirect (and its state in Redis) is settled before the session
		// is deleted: a Redis failure now refuses the whole logout, never half of it
		request.setAttribute(TARGET, this.redirects.target(request, user, registration));
		SignOutKind kind = this.redirects.endsProviderSession(user.provider(), registration) ? SignOutKind.PROVIDER
				: SignOutKind.LOCAL;
		request.setAttribute(KIND, (request.getAttribute(UNAVAILABLE) != null) ? "unavailable" : kind.tag());
		this.events.publishEvent(new SignedOutEvent(user.provider(), user.subject(), kind));
	}

	/**
	 * The provider, discovered now if this instance has not yet: an instance that
	 * restarted since the login must still end the provider session. Only a provider that
	 * cannot be reached (within the usual bounded timeouts) leaves a local logout.
	 */
	private @Nullable ClientRegistration resolve(HttpServletRequest request, String provider) {
		try {
			return this.registrations.findByRegistrationId(provider);
		}
		catch (ProviderUnavailableException ex) {
			logger.warn("Logout from provider '" + provider
					+ "' is local only: provider_unavailable (no revocation, no end-session redirect)");
			request.setAttribute(UNAVAILABLE, Boolean.TRUE);
			return null;
		}
	}

	@Override
	public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) throws IOException {
		String local = this.redirects.local(request);
		String target = (request.getAttribute(TARGET) instanceof String settled) ? settled
				: this.redirects.target(request, (SessionUser) request.getAttribute(USER),
						(ClientRegistration) request.getAttribute(REGISTRATION));
		if (JsonResponses.wantsJson(request)) {
			String providerLogout = (request.getAttribute(UNAVAILABLE) != null) ? "unavailable"
					: target.equals(local) ? "local" : "provider";
			JsonResponses.json(response, 200, Map.of("logoutUrl", target, "providerLogout", providerLogout));
			return;
		}
		JsonResponses.noStore(response);
		response.sendRedirect(target);
	}

}
