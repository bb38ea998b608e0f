package io.github.authstarter.flow;

import java.util.function.Predicate;

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

	/**
	 * Wraps a resolver.
	 * @param delegate the resolver that builds the request
	 */
	public RedirectingAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate) {
		this(delegate, (registrationId) -> true);
	}

	/**
	 * Wraps a resolver.
	 * @param delegate the resolver that builds the request
	 * @param accountChoice which providers may be sent {@code prompt=select_account}
	 */
	public RedirectingAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate,
			Predicate<String> accountChoice) {
		this.delegate = delegate;
		this.accountChoice = accountChoice;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		return withAccountChoice(withTarget(this.delegate.resolve(request), request), request);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		return withAccountChoice(withTarget(this.delegate.resolve(request, clientRegistrationId), request), request);
	}

	/**
	 * "Sign in with another account" after a refusal asks the provider for its account
	 * picker: only this one value of {@code prompt} is taken from the request, never
	 * anything that could change the protocol.
	 */
	private @Nullable OAuth2AuthorizationRequest withAccountChoice(@Nullable OAuth2AuthorizationRequest resolved,
			HttpServletRequest request) {
		if (resolved == null || !SELECT_ACCOUNT.equals(request.getParameter("prompt"))) {
			return resolved;
		}
		Object registrationId = resolved.getAttribute(OAuth2ParameterNames.REGISTRATION_ID);
		if (!(registrationId instanceof String id) || !this.accountChoice.test(id)) {
			// a provider that may refuse the value gets a plain login
			return resolved;
		}
		return OAuth2AuthorizationRequest.from(resolved)
			.additionalParameters((parameters) -> parameters.put("prompt", SELECT_ACCOUNT))
			.build();
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
