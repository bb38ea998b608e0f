package io.github.authstarter.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.authstarter.session.SessionAdmission;
import io.github.authstarter.session.SessionAdmission.Verdict;
import io.github.authstarter.session.SessionUser;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TenantBoundary}.
 */
class TenantBoundaryTests {

	private final TenantBoundary boundary = new TenantBoundary(new HeaderTenantResolver("X-Tenant"),
			(id) -> Map.of("acme-idp", "acme", "globex-idp", "globex").get(id), SessionAdmission.ALWAYS);

	@Test
	void providerOfATenantSignsInOnItsRequestsOnly() {
		assertThat(this.boundary.admits(request("acme"), "acme-idp")).isTrue();
		assertThat(this.boundary.admits(request("globex"), "acme-idp")).isFalse();
		assertThat(this.boundary.admits(request(null), "acme-idp")).isFalse();
	}

	@Test
	void tenantsAreTheSameWhateverTheCase() {
		assertThat(this.boundary.admits(request("ACME"), "acme-idp")).isTrue();
		MockHttpSession session = new MockHttpSession();
		this.boundary.bind(request("Acme"), session);
		assertThat(verdict("acme", session)).isEqualTo(Verdict.ADMITTED);
	}

	@Test
	void providerOfNoTenantSignsInEverywhere() {
		assertThat(this.boundary.admits(request("acme"), "google")).isTrue();
		assertThat(this.boundary.admits(request(null), "google")).isTrue();
	}

	@Test
	void signInIsAcceptedOnlyForTheTenantItWasMadeFor() {
		MockHttpServletRequest signIn = request("acme");
		MockHttpSession session = new MockHttpSession();
		this.boundary.bind(signIn, session);
		assertThat(verdict("acme", session)).isEqualTo(Verdict.ADMITTED);
		assertThat(verdict("globex", session)).isEqualTo(Verdict.NOT_HERE);
		assertThat(verdict(null, session)).isEqualTo(Verdict.NOT_HERE);
	}

	@Test
	void signInMadeForNoTenantOrBeforeTenantsIsAcceptedForNoTenantOnly() {
		MockHttpSession root = new MockHttpSession();
		this.boundary.bind(request(null), root);
		assertThat(verdict(null, root)).isEqualTo(Verdict.ADMITTED);
		assertThat(verdict("acme", root)).isEqualTo(Verdict.NOT_HERE);
		MockHttpSession before = new MockHttpSession();
		assertThat(verdict(null, before)).isEqualTo(Verdict.ADMITTED);
		assertThat(verdict("acme", before)).isEqualTo(Verdict.NOT_HERE);
	}

	@Test
	void endedProviderEndsTheSignInWhateverTheTenant() {
		TenantBoundary ending = new TenantBoundary(new HeaderTenantResolver("X-Tenant"), (id) -> null,
				(request, user) -> Verdict.ENDED);
		MockHttpSession session = new MockHttpSession();
		ending.bind(request("acme"), session);
		MockHttpServletRequest request = request("acme");
		request.setSession(session);
		assertThat(ending.admit(request, user())).isEqualTo(Verdict.ENDED);
	}

	private Verdict verdict(String tenant, MockHttpSession session) {
		MockHttpServletRequest request = request(tenant);
		request.setSession(session);
		return this.boundary.admit(request, user());
	}

	private static SessionUser user() {
		return new SessionUser("acme-idp", "sub", List.of(), null, Map.of("sub", "alice"), Map.of("sub", "alice"),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token", null, null), null, Instant.now());
	}

	private static MockHttpServletRequest request(String tenant) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (tenant != null) {
			request.addHeader("X-Tenant", tenant);
		}
		return request;
	}

}
