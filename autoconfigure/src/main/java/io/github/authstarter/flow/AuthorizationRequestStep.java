package io.github.authstarter.flow;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * One step of the login start after the request is built: checked, bound to a key or
 * pushed, in the order the configurer wraps them.
 */
abstract class AuthorizationRequestStep implements OAuth2AuthorizationRequestResolver {

	private final OAuth2AuthorizationRequestResolver delegate;

	AuthorizationRequestStep(OAuth2AuthorizationRequestResolver delegate) {
		this.delegate = delegate;
	}

	@Override
	public final @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		OAuth2AuthorizationRequest resolved = this.delegate.resolve(request);
		return (resolved != null) ? apply(resolved) : null;
	}

	@Override
	public final @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		OAuth2AuthorizationRequest resolved = this.delegate.resolve(request, clientRegistrationId);
		return (resolved != null) ? apply(resolved) : null;
	}

	/**
	 * This step.
	 * @param resolved the request the steps before built
	 * @return the request for the steps after
	 */
	abstract OAuth2AuthorizationRequest apply(OAuth2AuthorizationRequest resolved);

}
