package io.github.authstarter.logout;

import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.session.SessionUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Revokes the refresh token (RFC 7009) at logout, so a copy of it stops working too. A
 * slow or failing provider never blocks the logout: bounded timeouts, one log line.
 */
public final class TokenRevoker {

	private static final Log logger = LogFactory.getLog(TokenRevoker.class);

	private final ProviderHttpClients http;

	private final ClientCredentials credentials;

	/**
	 * Creates a revoker.
	 * @param http the providers' HTTP clients, with the revocation's timeouts
	 * @param credentials how the client authenticates at the revocation endpoint
	 */
	public TokenRevoker(ProviderHttpClients http, ClientCredentials credentials) {
		this.http = http;
		this.credentials = credentials;
	}

	void revoke(ClientRegistration registration, SessionUser user) {
		Object endpoint = registration.getProviderDetails().getConfigurationMetadata().get("revocation_endpoint");
		if (!(endpoint instanceof String uri) || user.refreshToken() == null) {
			return;
		}
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("token", user.refreshToken().getTokenValue());
		form.add("token_type_hint", "refresh_token");
		HttpHeaders headers = new HttpHeaders();
		try {
			this.credentials.authenticate(registration, headers, form);
			this.http.restClient(registration.getRegistrationId())
				.post()
				.uri(uri)
				.headers((h) -> h.addAll(headers))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.toBodilessEntity();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not revoke the refresh token at provider '" + registration.getRegistrationId() + "': "
					+ ex.getClass().getSimpleName());
		}
	}

}
