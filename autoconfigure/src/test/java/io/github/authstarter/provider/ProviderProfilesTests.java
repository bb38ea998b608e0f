package io.github.authstarter.provider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link ProviderProfiles}: what each profile needs of a provider's metadata.
 */
class ProviderProfilesTests {

	@Test
	void fapi2MessageSigningAlsoNeedsRequestObjectsOfTheClientKeysAlgorithmAndSignedResponses() {
		ProviderProfiles profiles = new ProviderProfiles(Map.of("bank", ProviderProfile.FAPI2_MESSAGE_SIGNING),
				Map.of("bank", "PS256"));
		Map<String, Object> metadata = fapi2();
		// ES256 request objects: not what an RSA client key signs
		metadata.put("request_object_signing_alg_values_supported", List.of("ES256"));
		ProviderProfileUnmetException unmet = catchThrowableOfType(ProviderProfileUnmetException.class,
				() -> profiles.check(registration(metadata)));
		assertThat(unmet.missing()).containsExactly("request_object_signing_alg_values_supported (PS256)",
				"authorization_signing_alg_values_supported (PS256 or ES256)");
		metadata.put("request_object_signing_alg_values_supported", List.of("ES256", "PS256"));
		metadata.put("authorization_signing_alg_values_supported", List.of("PS256"));
		assertThatNoException().isThrownBy(() -> profiles.check(registration(metadata)));
	}

	@Test
	void withMutualTlsFapi2AsksForCertificateBoundTokensInsteadOfDpop() {
		ProviderProfiles profiles = new ProviderProfiles(Map.of("bank", ProviderProfile.FAPI2), Map.of(),
				Map.of("bank", "tls_client_auth"));
		Map<String, Object> metadata = fapi2();
		metadata.remove("dpop_signing_alg_values_supported");
		ProviderProfileUnmetException unmet = catchThrowableOfType(ProviderProfileUnmetException.class,
				() -> profiles.check(registration(metadata)));
		assertThat(unmet.missing()).containsExactly("tls_client_certificate_bound_access_tokens (true)",
				"token_endpoint_auth_methods_supported (tls_client_auth)");
		metadata.put("tls_client_certificate_bound_access_tokens", true);
		metadata.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "tls_client_auth"));
		assertThatNoException().isThrownBy(() -> profiles.check(registration(metadata)));
	}

	@Test
	void fapi2AloneAsksNothingOfRequestObjectsOrSignedResponses() {
		ProviderProfiles profiles = new ProviderProfiles(Map.of("bank", ProviderProfile.FAPI2));
		assertThatNoException().isThrownBy(() -> profiles.check(registration(fapi2())));
	}

	/** Metadata that offers everything profile fapi2 needs. */
	private static Map<String, Object> fapi2() {
		Map<String, Object> metadata = new HashMap<>();
		metadata.put("pushed_authorization_request_endpoint", "https://id.bank.example/par");
		metadata.put("id_token_signing_alg_values_supported", List.of("PS256"));
		metadata.put("dpop_signing_alg_values_supported", List.of("ES256"));
		metadata.put("code_challenge_methods_supported", List.of("S256"));
		metadata.put("authorization_response_iss_parameter_supported", true);
		metadata.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
		return metadata;
	}

	private static ClientRegistration registration(Map<String, Object> metadata) {
		return ClientRegistration.withRegistrationId("bank")
			.clientId("bank-client")
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://app.example/login/oauth2/code/bank")
			.authorizationUri("https://id.bank.example/authorize")
			.tokenUri("https://id.bank.example/token")
			.providerConfigurationMetadata(Map.copyOf(metadata))
			.build();
	}

}
