package io.github.authstarter.web;

import java.util.Map;

import io.github.authstarter.session.SessionAdmission;
import io.github.authstarter.tenant.HeaderTenantResolver;
import io.github.authstarter.tenant.TenantBoundary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TenantCheckingAuthorizationRequests}.
 */
class TenantCheckingAuthorizationRequestsTests {

	private final TenantBoundary boundary = new TenantBoundary(new HeaderTenantResolver("X-Tenant"),
			(id) -> Map.of("acme-idp", "acme").get(id), SessionAdmission.ALWAYS);

	@Test
	void callbackForTheRecordsProviderOnItsTenantGoesOn() {
		OAuth2AuthorizationRequest record = record("acme-idp");
		assertThat(repository(record).removeAuthorizationRequest(request("acme"), new MockHttpServletResponse()))
			.isSameAs(record);
	}

	@Test
	void callbackOnAnotherTenantIsRefusedByTheRecordsProviderWhateverThePath() {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> repository(record("acme-idp")).removeAuthorizationRequest(request("globex"),
					new MockHttpServletResponse()))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("provider_not_for_tenant"));
	}

	@Test
	void sharedProvidersAndMissingRecordsGoOn() {
		assertThat(repository(record("google")).removeAuthorizationRequest(request("globex"),
				new MockHttpServletResponse()))
			.isNotNull();
		assertThat(repository(null).removeAuthorizationRequest(request("globex"), new MockHttpServletResponse()))
			.isNull();
	}

	private TenantCheckingAuthorizationRequests repository(OAuth2AuthorizationRequest record) {
		return new TenantCheckingAuthorizationRequests(new AuthorizationRequestRepository<>() {
			@Override
			public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
				return record;
			}

			@Override
			public void saveAuthorizationRequest(OAuth2AuthorizationRequest request, HttpServletRequest servletRequest,
					HttpServletResponse response) {
			}

			@Override
			public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
					HttpServletResponse response) {
				return record;
			}
		}, this.boundary);
	}

	private static OAuth2AuthorizationRequest record(String provider) {
		return OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("https://idp.example/authorize")
			.clientId("c")
			.state("s")
			.attributes((attributes) -> attributes.put(OAuth2ParameterNames.REGISTRATION_ID, provider))
			.build();
	}

	private static MockHttpServletRequest request(String tenant) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Tenant", tenant);
		return request;
	}

}
