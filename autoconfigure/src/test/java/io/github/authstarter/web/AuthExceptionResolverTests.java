package io.github.authstarter.web;

import io.github.authstarter.token.TokenExceptions;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthExceptionResolver}.
 */
class AuthExceptionResolverTests {

	private final AuthExceptionResolver resolver = new AuthExceptionResolver(AuthErrorResponder.standard(),
			AuthPaths.DEFAULTS);

	@Test
	void resolveWhenReauthenticationRequiredAndJsonThen401() throws Exception {
		MockHttpServletResponse response = resolve(json(), TokenExceptions.reauthenticationRequired("corp"));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentAsString()).contains("\"error\":\"reauthentication_required\"");
	}

	@Test
	void resolveWhenReauthenticationRequiredAndBrowserThenBackToTheLogin() {
		MockHttpServletResponse response = resolve(new MockHttpServletRequest("GET", "/page"),
				TokenExceptions.reauthenticationRequired("corp"));
		assertThat(response.getRedirectedUrl()).isEqualTo("/auth/login/corp");
	}

	@Test
	void resolveWhenNoRefreshTokenThen409NamingTheProperty() throws Exception {
		MockHttpServletResponse response = resolve(json(), TokenExceptions.noRefreshToken("google"));
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getContentAsString()).contains("\"error\":\"no_refresh_token\"")
			.contains("auth.providers.google.scopes");
	}

	@Test
	void resolveWhenProviderUnreachableThen503() throws Exception {
		MockHttpServletResponse response = resolve(json(), TokenExceptions.unavailable("corp"));
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentAsString()).contains("\"error\":\"provider_unavailable\"");
	}

	@Test
	void resolveWhenOtherExceptionThenLeftToTheApplication() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(json(), response, null, new IllegalStateException("x"))).isNull();
		assertThat(response.isCommitted()).isFalse();
	}

	private MockHttpServletResponse resolve(MockHttpServletRequest request, Exception exception) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(request, response, null, exception)).isNotNull();
		return response;
	}

	private static MockHttpServletRequest json() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/x");
		request.addHeader("Accept", "application/json");
		return request;
	}

}
