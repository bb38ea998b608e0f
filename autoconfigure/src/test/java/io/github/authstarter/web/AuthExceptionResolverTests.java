package io.github.authstarter.web;

import io.github.authstarter.autoconfigure.DefaultAuthPaths;
import io.github.authstarter.http.PageTexts;
import io.github.authstarter.token.TokenExceptions;
import io.github.authstarter.user.UserExceptions;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthExceptionResolver}.
 */
class AuthExceptionResolverTests {

	private final AuthExceptionResolver resolver = new AuthExceptionResolver(AuthErrorResponder.standard(),
			DefaultAuthPaths.get());

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
	void resolveWhenReauthenticationRequiredOnAnApiPathFromABrowserThenJson401() throws Exception {
		MockHttpServletResponse response = resolve(browserOnApiPath(),
				TokenExceptions.reauthenticationRequired("corp"));
		assertThat(response.getRedirectedUrl()).isNull();
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"error\":\"reauthentication_required\"");
	}

	@Test
	void resolveWhenStepUpRequiredOnAnApiPathFromABrowserThenJson401() throws Exception {
		MockHttpServletResponse response = resolve(browserOnApiPath(), UserExceptions.stepUpRequired("corp"));
		assertThat(response.getRedirectedUrl()).isNull();
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"error\":\"step_up_required\"")
			.contains("\"loginUrl\":\"/auth/login/corp\"");
	}

	@Test
	void resolveWhenConsentRequiredOnAnApiPathFromABrowserThenJson403() throws Exception {
		MockHttpServletResponse response = resolve(browserOnApiPath(), UserExceptions.consentRequired("corp", "graph"));
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"error\":\"consent_required\"");
	}

	@Test
	void resolveWhenNotAuthenticatedOnAnApiPathFromABrowserThenJson401() throws Exception {
		MockHttpServletResponse response = resolve(browserOnApiPath(), UserExceptions.notAuthenticated());
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"error\":\"unauthenticated\"");
	}

	@Test
	void resolveWhenStepUpRequiredOnAPageFromABrowserThenRedirected() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/page");
		request.addHeader("Accept", BROWSER_ACCEPT);
		MockHttpServletResponse response = resolve(request, UserExceptions.stepUpRequired("corp"));
		assertThat(response.getRedirectedUrl()).startsWith("/auth/login/corp");
	}

	@Test
	void resolveWhenNoRefreshTokenThen409NamingTheProperty() throws Exception {
		MockHttpServletRequest request = json();
		new PageTexts(null, PageTexts.SHIPPED, (id) -> "google".equals(id) ? "Google" : null).attach(request);
		MockHttpServletResponse response = resolve(request, TokenExceptions.noRefreshToken("google"));
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getContentAsString()).contains("\"error\":\"no_refresh_token\"")
			.contains("The sign-in provider Google issued no refresh token")
			.contains("auth.providers.google.scopes");
	}

	@Test
	void resolveWhenNoRefreshTokenOfAProviderNotConfiguredThenItsIdIsNotEchoed() throws Exception {
		MockHttpServletResponse response = resolve(json(), TokenExceptions.noRefreshToken("<b>evil</b>"));
		assertThat(response.getContentAsString()).contains("auth.providers.<id>.scopes").doesNotContain("evil");
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

	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static MockHttpServletRequest browserOnApiPath() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
		request.addHeader("Accept", BROWSER_ACCEPT);
		return request;
	}

	private static MockHttpServletRequest json() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/x");
		request.addHeader("Accept", "application/json");
		return request;
	}

}
