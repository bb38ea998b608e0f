package io.github.authstarter.logout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import io.github.authstarter.event.SignOutKind;
import io.github.authstarter.event.SignedOutEvent;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.redis.AuthRedisKeys;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.SessionRefreshLock;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Logout that also ends the provider session. As a {@link LogoutHandler} it runs before
 * the session is deleted: it keeps the session record for the redirect and revokes the
 * refresh token. As a {@link LogoutSuccessHandler} it sends the browser to the provider's
 * {@code end_session_endpoint} with the newest {@code id_token_hint}, {@code client_id},
 * {@code post_logout_redirect_uri} and a {@code state} kept in Redis, or answers
 * {@code {"logoutUrl"}} to JSON clients; providers without that endpoint get a local
 * logout.
 */
public final class ProviderLogout implements LogoutHandler, LogoutSuccessHandler {

	private static final Log logger = LogFactory.getLog(ProviderLogout.class);

	private static final String USER = ProviderLogout.class.getName() + ".user";

	private static final String REGISTRATION = ProviderLogout.class.getName() + ".registration";

	private static final String TARGET = ProviderLogout.class.getName() + ".target";

	private static final String UNAVAILABLE = ProviderLogout.class.getName() + ".unavailable";

	private final SecureRandom random = new SecureRandom();

	private final SessionUserStore store;

	private final DiscoveringClientRegistrationRepository registrations;

	private final TokenRevoker revoker;

	private final StringRedisTemplate redis;

	private final LogoutSettings settings;

	private final ApplicationEventPublisher events;

	private final @Nullable SessionIndex index;

	private final @Nullable SessionRefreshLock lock;

	private final @Nullable SessionRepository<? extends Session> sessions;

	private final Duration lockWait;

	private final ObservationRegistry observations;

	ProviderLogout(SessionUserStore store, DiscoveringClientRegistrationRepository registrations, TokenRevoker revoker,
			StringRedisTemplate redis, LogoutSettings settings) {
		this(store, registrations, revoker, redis, settings, null, null, Duration.ZERO, null, (event) -> {
		}, ObservationRegistry.NOOP);
	}

	/**
	 * Creates the logout that waits for a refresh running on any instance, so that it
	 * revokes the newest refresh token and deletes the session before another refresh can
	 * begin.
	 * @param store the session record store
	 * @param registrations the providers
	 * @param revoker revokes tokens
	 * @param redis keeps the logout state
	 * @param settings the logout settings
	 * @param lock the per-session lock refreshes run under
	 * @param sessions the shared sessions, read as Redis holds them (never from memory)
	 * @param lockWait how long to wait for a running refresh
	 * @param index the session index to clean at logout
	 * @param events where logout events go
	 * @param observations records each logout as {@code auth.logout}
	 */
	public ProviderLogout(SessionUserStore store, DiscoveringClientRegistrationRepository registrations,
			TokenRevoker revoker, StringRedisTemplate redis, LogoutSettings settings, @Nullable SessionRefreshLock lock,
			@Nullable SessionRepository<? extends Session> sessions, Duration lockWait, @Nullable SessionIndex index,
			ApplicationEventPublisher events, ObservationRegistry observations) {
		this.observations = observations;
		this.index = index;
		this.events = events;
		this.lock = lock;
		this.sessions = sessions;
		this.lockWait = lockWait;
		this.store = store;
		this.registrations = registrations;
		this.revoker = revoker;
		this.redis = redis;
		this.settings = settings;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		SessionUser signedIn = this.store.read(request);
		Observation observation = Observation.start("auth.logout", this.observations)
			.lowCardinalityKeyValue("provider", (signedIn != null) ? signedIn.provider() : "none");
		try (Observation.Scope scope = observation.openScope()) {
			logoutUnobserved(request, signedIn);
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.lowCardinalityKeyValue("kind", (request.getAttribute(UNAVAILABLE) != null) ? "unavailable"
					: (request.getAttribute(REGISTRATION) != null) ? "provider" : "local");
			observation.stop();
		}
	}

	private void logoutUnobserved(HttpServletRequest request, @Nullable SessionUser user) {
		jakarta.servlet.http.HttpSession session = request.getSession(false);
		if (user == null || session == null || this.lock == null || this.sessions == null) {
			logout(request, user);
			return;
		}
		try (SessionRefreshLock.Held held = this.lock.acquire(session.getId(), this.lockWait)) {
			if (held == null) {
				logger.warn("Logout from provider '" + user.provider()
						+ "' went ahead while a refresh was still running elsewhere");
			}
			// a refresh that finished while this waited has rotated the tokens
			logout(request, newest(session.getId(), user));
			// deleted under the lock, so no refresh can start on a session being ended
			this.sessions.deleteById(session.getId());
		}
	}

	private SessionUser newest(String sessionId, SessionUser user) {
		Session stored = this.sessions.findById(sessionId);
		Object json = (stored != null) ? stored.getAttribute(SessionUserStore.ATTRIBUTE) : null;
		if (json instanceof String text) {
			try {
				return this.store.deserialize(text);
			}
			catch (IllegalArgumentException ex) {
				return user;
			}
		}
		return user;
	}

	private void logout(HttpServletRequest request, @Nullable SessionUser user) {
		if (user == null) {
			return;
		}
		request.setAttribute(USER, user);
		jakarta.servlet.http.HttpSession session = request.getSession(false);
		if (this.index != null && session != null) {
			String sid = (user.idToken() != null) ? user.idToken().getClaimAsString("sid") : null;
			this.index.remove(user.provider(), sid, user.subject(), session.getId());
		}
		ClientRegistration registration = resolve(request, user.provider());
		if (registration != null) {
			request.setAttribute(REGISTRATION, registration);
			this.revoker.revoke(registration, user);
		}
		boolean provider = !this.settings.localOnly(user.provider()) && registration != null
				&& registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint") != null;
		// the end-session redirect (and its state in Redis) is settled before the session
		// is deleted: a Redis failure now refuses the whole logout, never half of it
		request.setAttribute(TARGET, logoutUrl(request, user));
		this.events.publishEvent(new SignedOutEvent(user.provider(), user.subject(),
				provider ? SignOutKind.PROVIDER : SignOutKind.LOCAL));
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
		String local = request.getContextPath() + this.settings.successPath();
		String target = (request.getAttribute(TARGET) instanceof String settled) ? settled
				: logoutUrl(request, (SessionUser) request.getAttribute(USER));
		response.setHeader("Cache-Control", "no-store");
		if (wantsJson(request)) {
			String providerLogout = (request.getAttribute(UNAVAILABLE) != null) ? "unavailable"
					: target.equals(local) ? "local" : "provider";
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getOutputStream()
				.write(com.nimbusds.jose.util.JSONObjectUtils
					.toJSONString(java.util.Map.of("logoutUrl", target, "providerLogout", providerLogout))
					.getBytes(StandardCharsets.UTF_8));
			return;
		}
		response.sendRedirect(target);
	}

	private String logoutUrl(HttpServletRequest request, @Nullable SessionUser user) {
		String local = request.getContextPath() + this.settings.successPath();
		if (user == null || this.settings.localOnly(user.provider())) {
			return local;
		}
		ClientRegistration registration = (ClientRegistration) request.getAttribute(REGISTRATION);
		String landingUrl = (registration != null) ? this.settings.style(user.provider())
			.landingUrl(registration, absolute(request, this.settings.successPath())) : null;
		if (landingUrl != null) {
			return landingUrl;
		}
		Object endSession = (registration != null)
				? registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint") : null;
		if (!(endSession instanceof String endpoint)) {
			return local;
		}
		String state = newState();
		this.redis.opsForValue()
			.set(new AuthRedisKeys(this.settings.keyPrefix()).logoutState(state), user.provider(), STATE_LIFETIME);
		UriComponentsBuilder url = UriComponentsBuilder.fromUriString(endpoint)
			.queryParam("client_id", registration.getClientId())
			.queryParam("post_logout_redirect_uri",
					this.settings.postLogoutRedirectUris()
						.getOrDefault(user.provider(), postLogoutRedirectUri(request)))
			.queryParam("state", state);
		if (user.idToken() != null) {
			url.queryParam("id_token_hint", user.idToken().getTokenValue());
		}
		return url.encode(StandardCharsets.UTF_8).build().toUriString();
	}

	private static String absolute(HttpServletRequest request, String path) {
		return UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
			.replacePath(request.getContextPath() + path)
			.replaceQuery(null)
			.build()
			.toUriString();
	}

	private String postLogoutRedirectUri(HttpServletRequest request) {
		return UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
			.replacePath(request.getContextPath() + this.settings.returnPath())
			.replaceQuery(null)
			.build()
			.toUriString();
	}

	private String newState() {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static boolean wantsJson(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
				|| (accept != null && accept.contains("json") && !accept.contains("text/html"));
	}

	private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

}
