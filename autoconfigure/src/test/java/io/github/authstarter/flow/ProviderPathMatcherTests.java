package io.github.authstarter.flow;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProviderPathMatcher}: the shortcut for plain paths answers as Spring
 * Security's matching does.
 */
class ProviderPathMatcherTests {

	private final ProviderPathMatcher matcher = new ProviderPathMatcher("/auth/login");

	@Test
	void plainPathsBelowTheBaseNameTheirProvider() {
		assertThat(idOf("", "/auth/login/acme")).isEqualTo("acme");
		assertThat(idOf("/app", "/app/auth/login/acme")).isEqualTo("acme");
		assertThat(idOf("", "/auth/login")).isNull();
		assertThat(idOf("", "/api/me")).isNull();
		assertThat(idOf("", "/auth/login/acme/more")).isNull();
	}

	@Test
	void encodedOrParameterisedPathsAreMatchedAsSpringSecurityMatchesThem() {
		assertThat(idOf("", "/auth/%6Cogin/acme")).isEqualTo("acme");
		assertThat(idOf("", "/auth/login/ac%6De")).isEqualTo("acme");
		assertThat(idOf("", "/auth/login/acme;x=1")).isEqualTo("acme");
		assertThat(idOf("", "/auth;x=1/login/acme")).isEqualTo("acme");
	}

	private String idOf(String contextPath, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setContextPath(contextPath);
		return this.matcher.providerId(request);
	}

}
