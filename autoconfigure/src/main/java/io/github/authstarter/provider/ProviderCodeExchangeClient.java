package io.github.authstarter.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

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
		return this.clients.computeIfAbsent(request.getClientRegistration().getRegistrationId(), (id) -> {
			RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
			client.setRestClient(this.http.tokenEndpointClient(id));
			this.credentials.configure(client);
			return client;
		}).getTokenResponse(request);
	}

}
