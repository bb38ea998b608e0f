package io.github.authstarter.flow;

import io.github.authstarter.provider.RequestObjects;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Puts each authorization request a login start built into a signed request object (JAR,
 * RFC 9101) where the provider's {@code request-object} mode asks for it: after the
 * request is bound to a DPoP key, whose thumbprint it then carries signed, and before it
 * is pushed.
 */
public final class SigningAuthorizationRequestResolver extends AuthorizationRequestStep {

	private final RequestObjects requestObjects;

	/**
	 * Wraps a resolver.
	 * @param delegate builds the request
	 * @param requestObjects signs it
	 */
	public SigningAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate,
			RequestObjects requestObjects) {
		super(delegate);
		this.requestObjects = requestObjects;
	}

	@Override
	OAuth2AuthorizationRequest apply(OAuth2AuthorizationRequest resolved) {
		return this.requestObjects.sign(resolved);
	}

}
