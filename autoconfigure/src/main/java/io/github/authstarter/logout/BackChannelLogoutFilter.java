package io.github.authstarter.logout;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.event.SignOutKind;
import io.github.authstarter.event.SignedOutEvent;
import io.github.authstarter.http.JsonResponses;
import io.github.authstarter.observation.AuthObservationContext;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.observation.AuthOperation;
import io.github.authstarter.session.SessionStoreFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OIDC Back-Channel Logout 1.0 receiver at {@code POST
 * /auth/backchannel-logout/{provider}}: decodes the {@code logout_token} with the
 * provider's keys and {@link LogoutTokenValidator}, refuses a replayed {@code jti}
 * ({@link LogoutTokenReplayStore}) and deletes every session of that provider session or
 * user, on every instance. It needs no session and no CSRF token, and answers 200 or the
 * spec's 400 body; only an unreachable session store makes it a 503 (by
 * {@code SessionStoreUnavailableFilter}), and the token stays usable for the provider's
 * retry until its logout completed.
 */
public final class BackChannelLogoutFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(BackChannelLogoutFilter.class);

	private final String path;

	private final ClientRegistrationRepository registrations;

	private final SessionIndex index;

	private final SessionRepository<? extends Session> sessions;

	private final LogoutTokenReplayStore replays;

	private final ApplicationEventPublisher events;

	private final AuthObservations observations;

	private final LogoutTokenDecoders decoders;

	/**
	 * Creates the receiver.
	 * @param path the base path, followed by the provider id
	 * @param registrations the providers
	 * @param decoders decode and check logout tokens
	 * @param replays refuses a logout token's second use
	 * @param index the session index
	 * @param sessions the shared sessions
	 * @param events where {@link SignedOutEvent}s go
	 * @param observations records each back-channel logout as
	 * {@code auth.backchannel.logout}
	 */
	public BackChannelLogoutFilter(String path, ClientRegistrationRepository registrations,
			LogoutTokenDecoders decoders, LogoutTokenReplayStore replays, SessionIndex index,
			SessionRepository<? extends Session> sessions, ApplicationEventPublisher events,
			AuthObservations observations) {
		this.path = path;
		this.registrations = registrations;
		this.decoders = decoders;
		this.replays = replays;
		this.index = index;
		this.sessions = sessions;
		this.events = events;
		this.observations = observations;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requested = request.getRequestURI().substring(request.getContextPath().length());
		if (!"POST".equals(request.getMethod()) || !requested.startsWith(this.path + "/")) {
			chain.doFilter(request, response);
			return;
		}
		String provider = requested.substring(this.path.length() + 1);
		AuthObservationContext context = this.observations.context(AuthOperation.BACKCHANNEL_LOGOUT, provider);
		this.observations.observeAnswer(context, () -> handle(provider, request, response, context));
	}

	private void handle(String provider, HttpServletRequest request, HttpServletResponse response,
			AuthObservationContext context) throws IOException {
		try {
			int deleted = logout(provider, request.getParameter("logout_token"));
			context.outcome("accepted");
			context.sessionsEnded(deleted);
			logger.info("Back-channel logout from provider '" + provider + "' ended " + deleted + " session(s)");
			JsonResponses.noStore(response);
			response.setStatus(200);
		}
		catch (InvalidLogoutTokenException ex) {
			context.outcome("rejected");
			logger.warn("Back-channel logout rejected for provider '" + safe(provider) + "': " + ex.getMessage());
			// the spec's answer (OpenID Connect Back-Channel Logout 2.8, RFC 6749 5.2),
			// not a problem detail: the provider reads it
			JsonResponses.json(response, 400, Map.of("error", "invalid_request", "error_description", ex.getMessage()));
		}
	}

	private int logout(String provider, String token) {
		ClientRegistration registration;
		try {
			registration = this.registrations.findByRegistrationId(provider);
		}
		catch (RuntimeException ex) {
			throw new InvalidLogoutTokenException("the provider cannot be reached to check the token");
		}
		if (registration == null || registration.getProviderDetails().getJwkSetUri() == null) {
			throw new InvalidLogoutTokenException("unknown provider");
		}
		if (token == null || token.isBlank()) {
			throw new InvalidLogoutTokenException("missing logout_token");
		}
		if (token.length() > 16_384) {
			throw new InvalidLogoutTokenException("oversized logout_token");
		}
		Jwt jwt = this.decoders.decode(registration, token);
		if (this.replays.used(registration.getRegistrationId(), jwt.getId())) {
			throw new InvalidLogoutTokenException("replayed jti");
		}
		String sid = jwt.getClaimAsString("sid");
		String sub = jwt.getSubject();
		Set<String> sessionIds = (sid != null) ? this.index.sessions(provider, "sid", sid)
				: this.index.sessions(provider, "sub", sub);
		int ended = 0;
		for (String sessionId : sessionIds) {
			if (stillThere(sessionId)) {
				ended++;
			}
			this.sessions.deleteById(sessionId);
		}
		if (ended > 0) {
			this.events.publishEvent(new SignedOutEvent(provider, (sub != null) ? sub : "", SignOutKind.BACKCHANNEL));
		}
		if (sid != null) {
			this.index.forget(provider, "sid", sid, sessionIds);
		}
		else {
			this.index.forget(provider, "sub", sub, sessionIds);
		}
		// used up only now: a logout the store failed half-way is retried by the provider
		// with the same token, which must still end what is left
		this.replays.remember(registration.getRegistrationId(), jwt.getId());
		return ended;
	}

	/**
	 * Whether a session the index names still exists: the index may name sessions that
	 * ended since, which are not counted. One the store cannot read (another release's
	 * serializer) is there all the same, and is ended with the others.
	 */
	private boolean stillThere(String sessionId) {
		try {
			return this.sessions.findById(sessionId) != null;
		}
		catch (RuntimeException ex) {
			if (SessionStoreFailures.isUnavailable(ex)) {
				throw ex;
			}
			return true;
		}
	}

	private static String safe(String provider) {
		return provider.replaceAll("[^A-Za-z0-9._-]", "?").substring(0, Math.min(provider.length(), 64));
	}

}
