package io.github.authstarter.tenant;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeaderTenantResolver}.
 */
class HeaderTenantResolverTests {

	private final HeaderTenantResolver resolver = new HeaderTenantResolver("X-Tenant");

	@Test
	void headerNamesTheTenant() {
		assertThat(tenantOf(" acme ")).isEqualTo("acme");
		assertThat(tenantOf("Acme.Corp_1")).isEqualTo("acme.corp_1");
	}

	@Test
	void headerSentTwiceIsNoTenant() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Tenant", "evil");
		request.addHeader("X-Tenant", "acme");
		assertThat(this.resolver.resolve(request)).isNull();
	}

	@Test
	void missingOrOddValueIsNoTenant() {
		assertThat(tenantOf(null)).isNull();
		assertThat(tenantOf("")).isNull();
		assertThat(tenantOf("acme/../globex")).isNull();
		assertThat(tenantOf("a".repeat(129))).isNull();
	}

	private String tenantOf(String value) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (value != null) {
			request.addHeader("X-Tenant", value);
		}
		return this.resolver.resolve(request);
	}

}
