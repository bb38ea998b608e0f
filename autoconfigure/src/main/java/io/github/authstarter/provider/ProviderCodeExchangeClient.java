package io.github.authstarter.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Spring Security's code exchange, through each provider's own HTTP client (its timeouts
 * and SSL bundle) instead of one unbounded client for all.
 */
public final class ProviderCodeExchangeClient
		implements OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> {

	private final ProviderHttpClients http;

	private final ClientCredentials credentials;

	private final Map<String, RestClientAuthorizationCodeTokenResponseClient> clients = new ConcurrentHashMap<>();

	/**
	 * Creates the client.
	 * @param http the providers' HTTP clients
	 */
	public ProviderCodeExchangeClient(ProviderHttpClients http) {
		this(http, ClientCredentials.NONE);
	}

	/**
	 * Creates the client.
	 * @param http the providers' HTTP clients
	 * @param credentials how the client authenticates (secrets or assertions)
	 */
	public ProviderCodeExchangeClient(ProviderHttpClients http, ClientCredentials credentials) {
		this.http = http;
		this.credentials = credentials;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2AuthorizationCodeGrantRequest request) {
		String id = request.getClientRegistration().getRegistrationId();
		RestClientAuthorizationCodeTokenResponseClient client = this.clients.computeIfAbsent(id, (registrationId) -> {
			RestClientAuthorizationCodeTokenResponseClient created = new RestClientAuthorizationCodeTokenResponseClient();
			created.setRestClient(this.http.tokenEndpointClient(registrationId));
			this.credentials.configure(created);
			return created;
		});
		DpopProofs dpop = this.http.dpop();
		Object sealed = request.getAuthorizationExchange()
			.getAuthorizationRequest()
			.getAttribute(DpopProofs.FLOW_ATTRIBUTE);
		if (dpop == null || !(sealed instanceof String value)) {
			if (dpop != null && dpop.mode(id) == DpopMode.REQUIRED) {
				// a login started before dpop was required: never exchanged unbound
				throw notBound(id, "the login started without a DPoP key");
			}
			return client.getTokenResponse(request);
		}
		String key;
		try {
			key = dpop.open(value);
			DpopKeys.thumbprint(key);
		}
		catch (IllegalArgumentException ex) {
			// sealed with a key this instance does not have: a failed login, not a 500
			throw new OAuth2AuthenticationException(
					new OAuth2Error("invalid_dpop_key", "the login's DPoP key could not be read", null), ex);
		}
		OAuth2AccessTokenResponse response = dpop.with(key, () -> client.getTokenResponse(request));
		boolean bound = OAuth2AccessToken.TokenType.DPOP.equals(response.getAccessToken().getTokenType());
		if (!bound && dpop.mode(id) == DpopMode.REQUIRED) {
			// the provider ignored the proof: a bearer token is what dpop: required
			// exists to refuse
			throw notBound(id, "it answered a bearer token");
		}
		if (bound && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			// for user info and the session record, later in the same login
			attributes.getRequest().setAttribute(DpopProofs.LOGIN_KEY, key);
		}
		return response;
	}

	private static OAuth2AuthenticationException notBound(String id, String why) {
		return new OAuth2AuthenticationException(
				new OAuth2Error("dpop_not_bound", "auth.providers." + id + ".dpop is required, but " + why, null));
	}

}
