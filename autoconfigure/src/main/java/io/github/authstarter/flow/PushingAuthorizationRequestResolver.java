package io.github.authstarter.flow;

import io.github.authstarter.provider.PushedAuthorizationRequests;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Pushes each authorization request a login start built (RFC 9126) before the browser is
 * sent on, where the provider's {@code par} mode asks for it.
 */
public final class PushingAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

	private final OAuth2AuthorizationRequestResolver delegate;

	private final PushedAuthorizationRequests par;

	/**
	 * Wraps a resolver.
	 * @param delegate builds the request
	 * @param par pushes it
	 */
	public PushingAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate,
			PushedAuthorizationRequests par) {
		this.delegate = delegate;
		this.par = par;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		OAuth2AuthorizationRequest resolved = this.delegate.resolve(request);
		return (resolved != null) ? this.par.push(resolved) : null;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		OAuth2AuthorizationRequest resolved = this.delegate.resolve(request, clientRegistrationId);
		return (resolved != null) ? this.par.push(resolved) : null;
	}

}
