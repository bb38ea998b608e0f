package io.github.authstarter.flow;

import io.github.authstarter.provider.PushedAuthorizationRequests;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Pushes each authorization request a login start built (RFC 9126) before the browser is
 * sent on, where the provider's {@code par} mode asks for it.
 */
public final class PushingAuthorizationRequestResolver extends AuthorizationRequestStep {

	private final PushedAuthorizationRequests par;

	/**
	 * Wraps a resolver.
	 * @param delegate builds the request
	 * @param par pushes it
	 */
	public PushingAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate,
			PushedAuthorizationRequests par) {
		super(delegate);
		this.par = par;
	}

	@Override
	OAuth2AuthorizationRequest apply(OAuth2AuthorizationRequest resolved) {
		return this.par.push(resolved);
	}

}
