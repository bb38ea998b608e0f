package io.github.authstarter.flow;

import io.github.authstarter.provider.DpopKeys;
import io.github.authstarter.provider.DpopProofs;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Gives a login start whose provider binds tokens (DPoP, RFC 9449) its own key pair: the
 * authorization request names the key's thumbprint ({@code dpop_jkt}, section 10), so the
 * code can only be exchanged with a proof of that key, and the flow record keeps the key,
 * sealed, for the exchange on whichever instance the callback lands. Runs after the
 * login-start cap: a refused start makes no key.
 */
public final class DpopBindingAuthorizationRequestResolver extends AuthorizationRequestStep {

	private final DpopProofs dpop;

	/**
	 * Wraps a resolver.
	 * @param delegate builds the request
	 * @param dpop makes the keys
	 */
	public DpopBindingAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate, DpopProofs dpop) {
		super(delegate);
		this.dpop = dpop;
	}

	@Override
	OAuth2AuthorizationRequest apply(OAuth2AuthorizationRequest resolved) {
		if (!(resolved.getAttribute(OAuth2ParameterNames.REGISTRATION_ID) instanceof String id)) {
			return resolved;
		}
		String key = this.dpop.newKey(id);
		if (key == null) {
			return resolved;
		}
		String sealed = this.dpop.seal(key);
		return OAuth2AuthorizationRequest.from(resolved)
			.additionalParameters((parameters) -> parameters.put("dpop_jkt", DpopKeys.thumbprint(key)))
			.attributes((attributes) -> attributes.put(DpopProofs.FLOW_ATTRIBUTE, sealed))
			.build();
	}

}
