package io.github.authstarter.logout;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.event.SignOutKind;
import io.github.authstarter.event.SignedOutEvent;
import io.github.authstarter.observation.AuthObservationContext;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.observation.AuthOperation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The OpenID Connect Front-Channel Logout 1.0 receiver, {@code GET
 * /auth/frontchannel-logout/{provider}?iss=...&sid=...}: the provider loads it in an
 * iframe when the user logs out there, and it ends every session of that provider session
 * ({@code sid}, the index back-channel logout uses) on every instance. {@code iss} must
 * be the provider's issuer and {@code sid} present (register the URL with
 * {@code frontchannel_logout_session_required}); the answer is a tiny page that is never
 * cached and may be framed by the provider's origin only. It needs no session and no
 * cookie: browsers no longer send third-party cookies to an iframe.
 * <p>
 * Nothing but the public issuer and a {@code sid} vouches for the request, so it is
 * served only for providers that use it: those configured so, or, when not configured,
 * those whose metadata says {@code frontchannel_logout_supported}. A browser that says
 * the request is not for an iframe ({@code Sec-Fetch-Dest}) is refused.
 */
public final class FrontChannelLogoutFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(FrontChannelLogoutFilter.class);

	private final String path;

	private final ClientRegistrationRepository registrations;

	private final SessionIndex index;

	private final SessionRepository<? extends Session> sessions;

	private final ApplicationEventPublisher events;

	private final Map<String, Boolean> enabled;

	private AuthObservations observations = AuthObservations.NOOP;

	/**
	 * Creates the receiver for the providers whose metadata says
	 * {@code frontchannel_logout_supported}.
	 * @param path the base path, followed by the provider id
	 * @param registrations the providers
	 * @param index the session index
	 * @param sessions the shared sessions
	 * @param events where {@link SignedOutEvent}s go
	 */
	public FrontChannelLogoutFilter(String path, ClientRegistrationRepository registrations, SessionIndex index,
			SessionRepository<? extends Session> sessions, ApplicationEventPublisher events) {
		this(path, registrations, index, sessions, events, Map.of());
	}

	/**
	 * Creates the receiver.
	 * @param path the base path, followed by the provider id
	 * @param registrations the providers
	 * @param index the session index
	 * @param sessions the shared sessions
	 * @param events where {@link SignedOutEvent}s go
	 * @param enabled whether each provider may end sessions this way; a provider not
	 * listed may when its metadata says {@code frontchannel_logout_supported}
	 */
	public FrontChannelLogoutFilter(String path, ClientRegistrationRepository registrations, SessionIndex index,
			SessionRepository<? extends Session> sessions, ApplicationEventPublisher events,
			Map<String, Boolean> enabled) {
		this.path = path;
		this.registrations = registrations;
		this.index = index;
		this.sessions = sessions;
		this.events = events;
		// a view, not a copy: providers of a store are looked up at each use
		this.enabled = Collections.unmodifiableMap(enabled);
	}

	/**
	 * Sets where each front-channel logout is observed, as
	 * {@code auth.frontchannel.logout}.
	 * @param observations the observations
	 */
	public void setObservations(AuthObservations observations) {
		this.observations = observations;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requested = request.getRequestURI().substring(request.getContextPath().length());
		if (!"GET".equals(request.getMethod()) || !requested.startsWith(this.path + "/")) {
			chain.doFilter(request, response);
			return;
		}
		String provider = requested.substring(this.path.length() + 1);
		AuthObservationContext context = this.observations.context(AuthOperation.FRONTCHANNEL_LOGOUT, provider);
		this.observations.observeAnswer(context, () -> {
			handle(provider, request, response, context);
			int status = response.getStatus();
			context.outcome((status == 200) ? "accepted" : (status == 503) ? "unavailable" : "rejected");
		});
	}

	private void handle(String provider, HttpServletRequest request, HttpServletResponse response,
			AuthObservationContext context) throws IOException {
		String destination = request.getHeader("Sec-Fetch-Dest");
		if (destination != null && !"iframe".equals(destination)) {
			// a browser that says where the answer goes: a top-level navigation or a
			// script's fetch, which any page can send, is not the provider's iframe
			logger.info("Front-channel logout refused: Sec-Fetch-Dest is not iframe");
			answer(response, 403, null, "Front-channel logout is served to the provider's iframe only.");
			return;
		}
		Boolean configured = this.enabled.get(provider);
		if (Boolean.FALSE.equals(configured)) {
			notEnabled(response, provider);
			return;
		}
		ClientRegistration registration;
		try {
			registration = registration(provider);
		}
		catch (RuntimeException ex) {
			// a configured provider whose metadata cannot be fetched now: its issuer
			// cannot be checked, and the provider may try again
			logger.warn("Front-channel logout from provider '" + provider + "' not done: provider_unavailable");
			response.setHeader("Retry-After", "5");
			answer(response, 503, null, "The provider cannot be reached to check this logout; try again.");
			return;
		}
		if (registration == null) {
			logger.info("Front-channel logout for an unknown provider refused");
			answer(response, 404, null, "Unknown provider.");
			return;
		}
		if (configured == null && !advertised(registration)) {
			notEnabled(response, provider);
			return;
		}
		String origin = origin(registration.getProviderDetails().getIssuerUri());
		String iss = request.getParameter("iss");
		String sid = request.getParameter("sid");
		if (iss == null || sid == null || sid.isBlank() || sid.length() > 256) {
			logger.info("Front-channel logout from provider '" + provider + "' refused: iss and sid are required");
			answer(response, 400, origin, "Front-channel logout needs iss and sid.");
			return;
		}
		if (!iss.equals(registration.getProviderDetails().getIssuerUri())) {
			logger.warn("Front-channel logout from provider '" + provider + "' refused: iss is not its issuer");
			answer(response, 400, origin, "The issuer does not match the provider.");
			return;
		}
		Set<String> ended = this.index.sessions(provider, "sid", sid);
		ended.forEach(this.sessions::deleteById);
		this.index.forget(provider, "sid", sid, ended);
		context.sessionsEnded(ended.size());
		if (!ended.isEmpty()) {
			this.events.publishEvent(new SignedOutEvent(provider, "", SignOutKind.FRONTCHANNEL));
		}
		logger.info("Front-channel logout from provider '" + provider + "' ended " + ended.size() + " session(s)");
		answer(response, 200, origin, "Signed out.");
	}

	/**
	 * Whether the provider says it ends sessions through the browser: only then can an
	 * unconfigured receiver be anything but a way for any page to sign users out.
	 */
	private static boolean advertised(ClientRegistration registration) {
		Object supported = registration.getProviderDetails()
			.getConfigurationMetadata()
			.get("frontchannel_logout_supported");
		return Boolean.TRUE.equals(supported) || "true".equals(supported);
	}

	private static void notEnabled(HttpServletResponse response, String provider) throws IOException {
		logger.info("Front-channel logout from provider '" + provider + "' refused: not enabled");
		answer(response, 404, null, "Front-channel logout is not enabled for this provider.");
	}

	private @Nullable ClientRegistration registration(String provider) {
		return (provider.matches("[A-Za-z0-9._-]{1,64}")) ? this.registrations.findByRegistrationId(provider) : null;
	}

	/** The provider's origin, the only one that may frame the answer. */
	private static @Nullable String origin(@Nullable String issuer) {
		if (issuer == null) {
			return null;
		}
		try {
			URI uri = URI.create(issuer);
			return uri.getScheme() + "://" + uri.getRawAuthority();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void answer(HttpServletResponse response, int status, @Nullable String origin, String message)
			throws IOException {
		response.setStatus(status);
		response.setHeader("Cache-Control", "no-cache, no-store");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("Content-Security-Policy",
				"default-src 'none'; frame-ancestors " + ((origin != null) ? origin : "'none'"));
		response.setContentType("text/html;charset=UTF-8");
		response.getOutputStream()
			.write(("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Logout</title></head>"
					+ "<body><p>" + message + "</p></body></html>")
				.getBytes(StandardCharsets.UTF_8));
	}

}
