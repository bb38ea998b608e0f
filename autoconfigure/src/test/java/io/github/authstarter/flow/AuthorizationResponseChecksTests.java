package io.github.authstarter.flow;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link AuthorizationResponseChecks}.
 */
class AuthorizationResponseChecksTests {

	private final InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(
			ClientRegistration.withRegistrationId("bank")
				.clientId("c")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.authorizationUri("https://id.bank.example/authorize")
				.tokenUri("https://id.bank.example/token")
				.issuerUri("https://id.bank.example")
				// metadata that does not (or no longer) promises iss
				.providerConfigurationMetadata(Map.of("issuer", "https://id.bank.example"))
				.build());

	@Test
	void aProviderUnderAProfileMustNameItselfWhateverItsMetadataSays() {
		AuthorizationResponseChecks checks = new AuthorizationResponseChecks(this.registrations, "bank"::equals,
				(id) -> false);
		assertThatThrownBy(() -> checks.check(callback(null), "bank")).isInstanceOf(OAuth2AuthenticationException.class)
			.hasMessageContaining("did not say who sent it");
		assertThatNoException().isThrownBy(() -> checks.check(callback("https://id.bank.example"), "bank"));
	}

	@Test
	void aProviderWithoutAProfileOrPromiseMayLeaveItOut() {
		AuthorizationResponseChecks checks = new AuthorizationResponseChecks(this.registrations, (id) -> false,
				(id) -> false);
		assertThatNoException().isThrownBy(() -> checks.check(callback(null), "bank"));
	}

	private static MockHttpServletRequest callback(String iss) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login/oauth2/code/bank");
		if (iss != null) {
			request.setParameter("iss", iss);
		}
		return request;
	}

}
