package io.github.authstarter.flow;

import io.github.authstarter.provider.ProviderProfiles;
import io.github.authstarter.provider.RequestObjects;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Puts each authorization request a login start built into a signed request object (JAR,
 * RFC 9101) where the provider's {@code request-object} mode asks for it: after the
 * request is bound to a DPoP key, whose thumbprint it then carries signed, and before it
 * is pushed.
 */
public final class SigningAuthorizationRequestResolver extends AuthorizationRequestStep {

	private final RequestObjects requestObjects;

	private final ProviderProfiles profiles;

	/**
	 * Wraps a resolver.
	 * @param delegate builds the request
	 * @param requestObjects signs it
	 * @param profiles refuse it unsigned where a profile signs every request
	 */
	public SigningAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate,
			RequestObjects requestObjects, ProviderProfiles profiles) {
		super(delegate);
		this.requestObjects = requestObjects;
		this.profiles = profiles;
	}

	@Override
	OAuth2AuthorizationRequest apply(OAuth2AuthorizationRequest resolved) {
		OAuth2AuthorizationRequest signed = this.requestObjects.sign(resolved);
		if (resolved.getAttribute(OAuth2ParameterNames.REGISTRATION_ID) instanceof String id) {
			this.profiles.checkSigned(id,
					UriComponentsBuilder.fromUriString(signed.getAuthorizationRequestUri())
						.build(true)
						.getQueryParams()
						.containsKey("request"));
		}
		return signed;
	}

}
