package io.github.authstarter.flow;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.github.authstarter.token.ApiDefinition;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Remembers the {@code redirect} parameter of a login start in the authorization request,
 * where {@link RedisFlowStateRepository} stores it once validated.
 */
public final class RedirectingAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

	private static final Log logger = LogFactory.getLog(RedirectingAuthorizationRequestResolver.class);

	/**
	 * The {@code prompt} value that asks the provider to let the user pick an account.
	 */
	public static final String SELECT_ACCOUNT = "select_account";

	private final OAuth2AuthorizationRequestResolver delegate;

	private final Predicate<String> accountChoice;

	private final LoginParameters parameters;

	/**
	 * Wraps a resolver.
	 * @param delegate the resolver that builds the request
	 */
	public RedirectingAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate) {
		this(delegate, (registrationId) -> true, new LoginParameters(Map.of()));
	}

	/**
	 * Wraps a resolver.
	 * @param delegate the resolver that builds the request
	 * @param accountChoice which providers may be sent {@code prompt=select_account}
	 * @param parameters which parameters of a login start go on to each provider
	 */
	public RedirectingAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate,
			Predicate<String> accountChoice, LoginParameters parameters) {
		this.delegate = delegate;
		this.accountChoice = accountChoice;
		this.parameters = parameters;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		return withParameters(withTarget(this.delegate.resolve(request), request), request);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		return withParameters(withTarget(this.delegate.resolve(request, clientRegistrationId), request), request);
	}

	/**
	 * The login start's parameters for the provider, as {@link LoginParameters} allows
	 * them. "Sign in with another account" after a refusal sends
	 * {@code prompt=select_account} even where {@code prompt} is not forwarded; the value
	 * goes only to providers that support it, others get a plain login.
	 */
	private @Nullable OAuth2AuthorizationRequest withParameters(@Nullable OAuth2AuthorizationRequest resolved,
			HttpServletRequest request) {
		if (resolved == null
				|| !(resolved.getAttribute(OAuth2ParameterNames.REGISTRATION_ID) instanceof String registrationId)) {
			return resolved;
		}
		Map<String, String> forwarded = new LinkedHashMap<>(this.parameters.from(registrationId, request));
		if (SELECT_ACCOUNT.equals(request.getParameter("prompt"))) {
			forwarded.put("prompt", SELECT_ACCOUNT);
		}
		String prompt = forwarded.get("prompt");
		if (prompt != null && prompt.contains(SELECT_ACCOUNT) && !this.accountChoice.test(registrationId)) {
			String others = String.join(" ",
					Arrays.stream(prompt.split(" ")).filter((value) -> !value.equals(SELECT_ACCOUNT)).toList());
			if (others.isEmpty()) {
				forwarded.remove("prompt");
			}
			else {
				forwarded.put("prompt", others);
			}
		}
		// a step-up the application asked for wins over what the link says and over the
		// configured authorization-params: no link may weaken it or drop prompt=login
		Map<String, String> stepUp = StepUp.take(request, registrationId);
		forwarded.keySet().removeAll(stepUp.keySet());
		ApiDefinition consent = this.parameters.consentFor(registrationId, request);
		if (forwarded.isEmpty() && stepUp.isEmpty() && consent == null) {
			return resolved;
		}
		OAuth2AuthorizationRequest.Builder builder = OAuth2AuthorizationRequest.from(resolved);
		if (consent != null) {
			// the consent link of a consent_required answer: the API's scopes on top of
			// the sign-in's, and the provider asked to show its consent screen
			Set<String> scopes = new LinkedHashSet<>(resolved.getScopes());
			scopes.addAll(consent.scopes());
			builder.scopes(scopes);
			forwarded.putIfAbsent("prompt", "consent");
		}
		String stepUpClaims = stepUp.get("claims");
		if (stepUpClaims != null) {
			// the callback answers these, not what configured claims made of them
			builder.attributes((attributes) -> attributes.put(ClaimsStepUps.ASKED_ATTRIBUTE, stepUpClaims));
		}
		return builder.additionalParameters((additional) -> {
			forwarded.forEach(additional::putIfAbsent);
			if (additional.get("claims") instanceof String configured && stepUpClaims != null) {
				stepUp.put("claims", ClaimsStepUps.merge(configured, stepUpClaims));
			}
			additional.putAll(stepUp);
		}).build();
	}

	private static @Nullable OAuth2AuthorizationRequest withTarget(@Nullable OAuth2AuthorizationRequest resolved,
			HttpServletRequest request) {
		String target = request.getParameter("redirect");
		if (resolved == null || target == null) {
			return resolved;
		}
		if (!RedirectTarget.isSafe(target)) {
			// the value is an attacker's choice: never logged, only that it was dropped
			logger.info("Login start with an unsafe redirect target (" + Math.min(target.length(), 9999)
					+ " chars): unsafe_redirect dropped, the default page will be used");
			return resolved;
		}
		return OAuth2AuthorizationRequest.from(resolved)
			.attributes((attributes) -> attributes.put(RedisFlowStateRepository.REDIRECT_ATTRIBUTE, target))
			.build();
	}

}
