package io.github.authstarter.tenant;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HostTenantResolver}.
 */
class HostTenantResolverTests {

	private final HostTenantResolver resolver = new HostTenantResolver("Example.com");

	@Test
	void firstLabelBelowTheDomainIsTheTenant() {
		assertThat(tenantOf("acme.example.com")).isEqualTo("acme");
		assertThat(tenantOf("ACME.Example.COM")).isEqualTo("acme");
		assertThat(tenantOf("a-1.example.com")).isEqualTo("a-1");
	}

	@Test
	void theDomainItselfAndOtherHostsAreForNoTenant() {
		assertThat(tenantOf("example.com")).isNull();
		assertThat(tenantOf("acme.example.org")).isNull();
		assertThat(tenantOf("acmeexample.com")).isNull();
		assertThat(tenantOf("127.0.0.1")).isNull();
	}

	@Test
	void deeperOrOddLabelsAreForNoTenant() {
		assertThat(tenantOf("www.acme.example.com")).isNull();
		assertThat(tenantOf("-acme.example.com")).isNull();
		assertThat(tenantOf("ac_me.example.com")).isNull();
		assertThat(tenantOf(".example.com")).isNull();
	}

	private String tenantOf(String host) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setServerName(host);
		return this.resolver.resolve(request);
	}

}
