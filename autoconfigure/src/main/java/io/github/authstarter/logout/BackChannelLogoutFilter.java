package io.github.authstarter.logout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.event.SignedOutEvent;
import io.github.authstarter.provider.JwtRejectionReason;
import io.github.authstarter.provider.ProviderKeySets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OIDC Back-Channel Logout 1.0 receiver at {@code POST
 * /auth/backchannel-logout/{provider}}: validates the {@code logout_token} (signature
 * through the provider's keys, {@code iss}, {@code aud}, {@code iat}, the {@code events}
 * claim, {@code sid} or {@code sub}, no {@code nonce}, a {@code jti} seen only once) and
 * deletes every session of that provider session or user, on every instance. It needs no
 * session and no CSRF token, and answers 200 or the spec's 400 body, never 5xx.
 */
public final class BackChannelLogoutFilter extends OncePerRequestFilter {

	private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private static final Duration MAX_AGE = Duration.ofMinutes(10);

	private static final Log logger = LogFactory.getLog(BackChannelLogoutFilter.class);

	private final String path;

	private final ClientRegistrationRepository registrations;

	private final SessionIndex index;

	private final SessionRepository<? extends Session> sessions;

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private @Nullable ApplicationEventPublisher events;

	private final ProviderKeySets keySets;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	/**
	 * Creates the receiver.
	 * @param path the base path, followed by the provider id
	 * @param registrations the providers
	 * @param index the session index
	 * @param sessions the shared sessions
	 * @param redis for the replay check
	 * @param keyPrefix the prefix of the replay keys
	 * @param keySets the providers' key sets, shared with the id token decoders
	 */
	public BackChannelLogoutFilter(String path, ClientRegistrationRepository registrations, SessionIndex index,
			SessionRepository<? extends Session> sessions, StringRedisTemplate redis, String keyPrefix,
			ProviderKeySets keySets) {
		this.keySets = keySets;
		this.path = path;
		this.registrations = registrations;
		this.index = index;
		this.sessions = sessions;
		this.redis = redis;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * Sets where {@link SignedOutEvent}s go.
	 * @param events the publisher
	 */
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
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
		try {
			int deleted = logout(provider, request.getParameter("logout_token"));
			logger.info("Back-channel logout from provider '" + provider + "' ended " + deleted + " session(s)");
			response.setHeader("Cache-Control", "no-store");
			response.setStatus(200);
		}
		catch (InvalidLogoutTokenException ex) {
			logger.warn("Back-channel logout rejected for provider '" + safe(provider) + "': " + ex.getMessage());
			response.setStatus(400);
			response.setHeader("Cache-Control", "no-store");
			response.setContentType("application/json");
			response.getOutputStream()
				.write(JSONObjectUtils
					.toJSONString(Map.of("error", "invalid_request", "error_description", ex.getMessage()))
					.getBytes(StandardCharsets.UTF_8));
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
		Jwt jwt = decode(registration, token);
		validate(registration, jwt);
		String sid = jwt.getClaimAsString("sid");
		String sub = jwt.getSubject();
		Set<String> sessionIds = (sid != null) ? this.index.sessions(provider, "sid", sid)
				: this.index.sessions(provider, "sub", sub);
		sessionIds.forEach(this.sessions::deleteById);
		if (!sessionIds.isEmpty() && this.events != null) {
			this.events.publishEvent(new SignedOutEvent(provider, (sub != null) ? sub : "", "backchannel"));
		}
		if (sid != null) {
			this.index.forget(provider, "sid", sid);
		}
		else {
			this.index.forget(provider, "sub", sub);
		}
		return sessionIds.size();
	}

	private Jwt decode(ClientRegistration registration, String token) {
		String jwkSetUri = registration.getProviderDetails().getJwkSetUri();
		// a provider whose discovery names a new jwks_uri gets a new decoder
		JwtDecoder decoder = this.decoders.computeIfAbsent(registration.getRegistrationId() + " " + jwkSetUri,
				(key) -> {
					NimbusJwtDecoder nimbus = NimbusJwtDecoder
						.withJwkSource(this.keySets.of(registration.getRegistrationId(), jwkSetUri))
						.build();
					// the checks below replace the default ones: logout tokens need not
					// carry exp
					nimbus.setJwtValidator(
							(jwt) -> org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success());
					return nimbus;
				});
		try {
			return decoder.decode(token);
		}
		catch (JwtException ex) {
			throw new InvalidLogoutTokenException(
					"the logout_token is not a valid signed JWT of the provider (" + JwtRejectionReason.of(ex) + ")");
		}
	}

	private void validate(ClientRegistration registration, Jwt jwt) {
		String issuer = registration.getProviderDetails().getIssuerUri();
		if (issuer == null || jwt.getIssuer() == null || !issuer.equals(jwt.getIssuer().toExternalForm())) {
			throw new InvalidLogoutTokenException("wrong iss");
		}
		if (jwt.getAudience() == null || !jwt.getAudience().contains(registration.getClientId())) {
			throw new InvalidLogoutTokenException("wrong aud");
		}
		Instant issuedAt = jwt.getIssuedAt();
		Instant now = Instant.now();
		if (issuedAt == null || issuedAt.isAfter(now.plusSeconds(60)) || issuedAt.isBefore(now.minus(MAX_AGE))) {
			throw new InvalidLogoutTokenException("missing or unacceptable iat");
		}
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(now.minusSeconds(60))) {
			throw new InvalidLogoutTokenException("expired");
		}
		if (!(jwt.getClaims().get("events") instanceof Map<?, ?> events) || !events.containsKey(EVENT)) {
			throw new InvalidLogoutTokenException("missing back-channel logout event");
		}
		if (jwt.hasClaim("nonce")) {
			throw new InvalidLogoutTokenException("a logout_token must not contain a nonce");
		}
		if (jwt.getClaimAsString("sid") == null && jwt.getSubject() == null) {
			throw new InvalidLogoutTokenException("neither sid nor sub");
		}
		String jti = jwt.getId();
		if (jti == null || jti.length() > 256) {
			throw new InvalidLogoutTokenException("missing jti");
		}
		Boolean first = this.redis.opsForValue()
			.setIfAbsent(this.keyPrefix + "logout-jti:" + registration.getRegistrationId() + ":" + jti, "1",
					MAX_AGE.plusMinutes(1));
		if (!Boolean.TRUE.equals(first)) {
			throw new InvalidLogoutTokenException("replayed jti");
		}
	}

	private static String safe(String provider) {
		return provider.replaceAll("[^A-Za-z0-9._-]", "?").substring(0, Math.min(provider.length(), 64));
	}

	private static final class InvalidLogoutTokenException extends RuntimeException {

		InvalidLogoutTokenException(String message) {
			super(message, null, false, false);
		}

	}

}
