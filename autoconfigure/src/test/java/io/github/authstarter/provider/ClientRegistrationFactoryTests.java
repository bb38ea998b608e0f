package io.github.authstarter.provider;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientRegistrationFactory}: which endpoints a client that uses mutual
 * TLS calls (RFC 8705 section 5).
 */
class ClientRegistrationFactoryTests {

	private static final String ISSUER = "https://id.bank.example";

	@Test
	void aMutualTlsClientCallsTheAliasesEvenOverConfiguredEndpoints() {
		ClientRegistration registration = ClientRegistrationFactory
			.create(definition(ClientAuthenticationMethod.TLS_CLIENT_AUTH, "https://proxy.example/token"), metadata());
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo("https://mtls.bank.example/token");
		assertThat(registration.getProviderDetails().getUserInfoEndpoint().getUri())
			.isEqualTo("https://mtls.bank.example/userinfo");
		assertThat(registration.getProviderDetails().getConfigurationMetadata())
			.containsEntry("pushed_authorization_request_endpoint", "https://mtls.bank.example/par")
			.containsEntry("revocation_endpoint", "https://mtls.bank.example/revoke");
		// the browser's endpoint is never aliased
		assertThat(registration.getProviderDetails().getAuthorizationUri()).isEqualTo(ISSUER + "/authorize");
	}

	@Test
	void anAliasThatIsNoHttpsUrlIsLeftOut() {
		Map<String, Object> metadata = metadata();
		metadata.put("mtls_endpoint_aliases",
				Map.of("token_endpoint", "http://mtls.bank.example/token", "userinfo_endpoint", "https://",
						"pushed_authorization_request_endpoint", "HTTPS://mtls.bank.example/par"));
		ClientRegistration registration = ClientRegistrationFactory
			.create(definition(ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH, null), metadata);
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(ISSUER + "/token");
		assertThat(registration.getProviderDetails().getUserInfoEndpoint().getUri()).isEqualTo(ISSUER + "/userinfo");
		assertThat(registration.getProviderDetails().getConfigurationMetadata())
			.containsEntry("pushed_authorization_request_endpoint", "HTTPS://mtls.bank.example/par");
	}

	@Test
	void aConfiguredEndpointWithoutAnAliasStaysAsConfigured() {
		Map<String, Object> metadata = metadata();
		metadata.put("mtls_endpoint_aliases", Map.of("userinfo_endpoint", "https://mtls.bank.example/userinfo"));
		ClientRegistration registration = ClientRegistrationFactory.create(
				definition(ClientAuthenticationMethod.TLS_CLIENT_AUTH, "https://gateway.bank.example/token"), metadata);
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo("https://gateway.bank.example/token");
		assertThat(registration.getProviderDetails().getUserInfoEndpoint().getUri())
			.isEqualTo("https://mtls.bank.example/userinfo");
	}

	@Test
	void anyOtherClientIgnoresTheAliases() {
		ClientRegistration registration = ClientRegistrationFactory
			.create(definition(ClientAuthenticationMethod.PRIVATE_KEY_JWT, null), metadata());
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(ISSUER + "/token");
		assertThat(registration.getProviderDetails().getConfigurationMetadata())
			.containsEntry("pushed_authorization_request_endpoint", ISSUER + "/par");
	}

	private static Map<String, Object> metadata() {
		Map<String, Object> metadata = new HashMap<>();
		metadata.put("issuer", ISSUER);
		metadata.put("authorization_endpoint", ISSUER + "/authorize");
		metadata.put("token_endpoint", ISSUER + "/token");
		metadata.put("userinfo_endpoint", ISSUER + "/userinfo");
		metadata.put("jwks_uri", ISSUER + "/jwks");
		metadata.put("revocation_endpoint", ISSUER + "/revoke");
		metadata.put("pushed_authorization_request_endpoint", ISSUER + "/par");
		metadata.put("mtls_endpoint_aliases",
				Map.of("token_endpoint", "https://mtls.bank.example/token", "userinfo_endpoint",
						"https://mtls.bank.example/userinfo", "revocation_endpoint", "https://mtls.bank.example/revoke",
						"pushed_authorization_request_endpoint", "https://mtls.bank.example/par"));
		return metadata;
	}

	private static ProviderDefinition definition(ClientAuthenticationMethod method, String token) {
		ProviderEndpoints endpoints = ProviderEndpoints.builder().issuer(ISSUER).token(token).build();
		return new ProviderDefinition("bank", "Bank", null, "bank-client", null, method, endpoints, ISSUER, true,
				Set.of("openid"), "sub", "{baseUrl}/login/oauth2/code/{registrationId}", Map.of(), true,
				ResponseMode.QUERY, null);
	}

}
