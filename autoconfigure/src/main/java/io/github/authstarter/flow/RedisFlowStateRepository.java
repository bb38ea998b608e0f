package io.github.authstarter.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Predicate;

import io.github.authstarter.access.RequestedAuthentication;
import io.github.authstarter.redis.AuthRedisKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Keeps each started login in Redis under the hash of its {@code state}, so the callback
 * works on any instance, in any number of tabs, and without an HTTP session. A record is
 * taken atomically and once ({@code GETDEL}): a replayed callback finds nothing. A
 * browser-wide random binding cookie, whose hash each record carries, stops an attacker
 * from completing their own login in a victim's browser.
 */
public final class RedisFlowStateRepository implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	/** Request attribute with the safe post-login target of the completed flow. */
	public static final String REDIRECT_TARGET_ATTRIBUTE = RedisFlowStateRepository.class.getName() + ".target";

	/** Authorization request attribute with the requested post-login target. */
	public static final String REDIRECT_ATTRIBUTE = "auth_redirect";

	private static final int MAX_STATE_LENGTH = 512;

	private final StringRedisTemplate redis;

	private final FlowSettings settings;

	private final AuthorizationResponseChecks responses;

	private final Clock clock;

	private final FlowBindingCookie binding;

	/**
	 * Creates a repository. It does not cap login starts: the
	 * {@link RateLimitedAuthorizationRequestResolver} admits a start before its request
	 * reaches this repository, and before it is pushed to the provider.
	 * @param redis the shared Redis
	 * @param settings the flow settings
	 * @param registrations the providers, for the issuer check
	 * @param clock the clock of the start times
	 */
	public RedisFlowStateRepository(StringRedisTemplate redis, FlowSettings settings,
			ClientRegistrationRepository registrations, Clock clock) {
		this(redis, settings, registrations, clock, (provider) -> false, (provider) -> false);
	}

	/**
	 * Creates a repository.
	 * @param redis the shared Redis
	 * @param settings the flow settings
	 * @param registrations the providers, for the issuer check
	 * @param clock the clock of the start times
	 * @param requiresIssuer whether a provider's responses must carry {@code iss}
	 * whatever its metadata says (a security profile), by provider id
	 * @param signsResponses whether a provider's responses are signed (JARM) and must
	 * have been opened by the starter's filter, by provider id
	 */
	public RedisFlowStateRepository(StringRedisTemplate redis, FlowSettings settings,
			ClientRegistrationRepository registrations, Clock clock, Predicate<String> requiresIssuer,
			Predicate<String> signsResponses) {
		this.redis = redis;
		this.settings = settings;
		this.responses = new AuthorizationResponseChecks(registrations, requiresIssuer, signsResponses);
		this.clock = clock;
		this.binding = new FlowBindingCookie(settings.cookieName(), settings.timeToLive());
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		String state = state(request);
		String json = (state != null) ? this.redis.opsForValue().get(key(state)) : null;
		FlowRecord record = (json != null) ? FlowRecord.fromJson(json, state) : null;
		return (record != null && !expired(record)) ? record.authorizationRequest() : null;
	}

	/**
	 * Redis expires a record on its own time only: the age is judged on the starter's
	 * clock too (the record keeps the start to the second, hence the extra second), so a
	 * late callback is an unknown state either way.
	 */
	private boolean expired(FlowRecord record) {
		return this.clock.instant().isAfter(record.created().plus(this.settings.timeToLive()).plusSeconds(1));
	}

	@Override
	public void saveAuthorizationRequest(@Nullable OAuth2AuthorizationRequest authorizationRequest,
			HttpServletRequest request, HttpServletResponse response) {
		if (authorizationRequest == null) {
			removeAuthorizationRequest(request, response);
			return;
		}
		String binding = this.binding.reuseOrCreate(request);
		this.binding.write(binding, request, response);
		String provider = authorizationRequest.getAttribute(OAuth2ParameterNames.REGISTRATION_ID);
		String requested = authorizationRequest.getAttribute(REDIRECT_ATTRIBUTE);
		FlowRecord record = new FlowRecord(provider, authorizationRequest,
				RedirectTarget.safeOr(requested, this.settings.defaultRedirect()), hash(binding), this.clock.instant());
		Boolean stored = this.redis.opsForValue()
			.setIfAbsent(key(authorizationRequest.getState()), record.toJson(), this.settings.timeToLive());
		if (!Boolean.TRUE.equals(stored)) {
			throw new IllegalStateException("a login with the same state is already pending");
		}
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		String state = state(request);
		if (state == null) {
			return null;
		}
		String json = this.redis.opsForValue().getAndDelete(key(state));
		if (json == null) {
			return null;
		}
		FlowRecord record = FlowRecord.fromJson(json, state);
		if (expired(record)) {
			return null;
		}
		String binding;
		try {
			binding = this.binding.read(request);
		}
		catch (FlowBindingCookie.AmbiguousException ex) {
			throw failure("flow_binding_ambiguous",
					"This browser sent several sign-in cookies, one of them planted by someone else; please start again.");
		}
		if (binding == null) {
			throw failure("flow_binding_missing",
					"This browser did not start this sign-in, or blocks cookies; please start again.");
		}
		if (!MessageDigest.isEqual(hash(binding).getBytes(StandardCharsets.US_ASCII),
				record.bindingHash().getBytes(StandardCharsets.US_ASCII))) {
			throw failure("flow_binding_mismatch", "This sign-in was started in another browser; please start again.");
		}
		this.responses.check(request, record.provider());
		request.setAttribute(REDIRECT_TARGET_ATTRIBUTE, record.redirect());
		// the ID token is checked against the max_age and acr_values this login asked for
		request.setAttribute(RequestedAuthentication.REQUEST_ATTRIBUTE,
				record.authorizationRequest().getAdditionalParameters());
		request.setAttribute(ClaimsStepUps.ASKED_ATTRIBUTE,
				record.authorizationRequest().getAttribute(ClaimsStepUps.ASKED_ATTRIBUTE));
		return record.authorizationRequest();
	}

	private static @Nullable String state(HttpServletRequest request) {
		String state = request.getParameter(OAuth2ParameterNames.STATE);
		return (state != null && !state.isEmpty() && state.length() <= MAX_STATE_LENGTH) ? state : null;
	}

	private String key(String state) {
		return new AuthRedisKeys(this.settings.keyPrefix()).flow(hash(state));
	}

	static String hash(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static OAuth2AuthenticationException failure(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, null), description);
	}

}
