package io.github.authstarter.autoconfigure;

import java.util.Map;

import io.github.authstarter.tenant.InvalidProviderException;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link StoredProviderLimits}.
 */
class StoredProviderLimitsTests {

	private final StoredProviderLimits limits = new StoredProviderLimits(false);

	@Test
	void discoveredEndpointsOnPublicHttpsAddressesPass() {
		assertThatNoException()
			.isThrownBy(() -> this.limits.checkDiscovered(registration("https://idp.example/userinfo",
					Map.of("pushed_authorization_request_endpoint", "https://idp.example/par"))));
	}

	@Test
	void discoveredEndpointsOfPrivateNetworksOrThisMachineAreRefused() {
		assertThatExceptionOfType(InvalidProviderException.class)
			.isThrownBy(() -> this.limits.checkDiscovered(registration("http://169.254.169.254/latest", Map.of())));
		assertThatExceptionOfType(InvalidProviderException.class).isThrownBy(() -> this.limits.checkDiscovered(
				registration("https://idp.example/userinfo", Map.of("revocation_endpoint", "https://10.0.0.5/r"))));
		assertThatExceptionOfType(InvalidProviderException.class)
			.isThrownBy(() -> this.limits.checkDiscovered(registration("https://idp.example/userinfo",
					Map.of("mtls_endpoint_aliases", Map.of("token_endpoint", "https://127.0.0.1:8443/token")))));
	}

	private static ClientRegistration registration(String userInfo, Map<String, Object> metadata) {
		return ClientRegistration.withRegistrationId("acme")
			.clientId("c")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.authorizationUri("https://idp.example/authorize")
			.tokenUri("https://idp.example/token")
			.jwkSetUri("https://idp.example/jwks")
			.userInfoUri(userInfo)
			.providerConfigurationMetadata(metadata)
			.build();
	}

}
