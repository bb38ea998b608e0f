package io.github.authstarter.web;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the CSRF cookie {@link CsrfCookieFilter#tokenRepository(String)} writes.
 */
class CsrfCookieFilterTests {

	@Test
	void tokenRepositoryWhenDefaultNameThenAReadableCookieUnderTheContextPath() {
		String cookie = savedCookie(CsrfCookieFilter.tokenRepository("XSRF-TOKEN"), request("/app"));
		assertThat(cookie).startsWith("XSRF-TOKEN=")
			.contains("; Path=/app")
			.doesNotContain("HttpOnly")
			.doesNotContain("Secure")
			.doesNotContainIgnoringCase("Domain=");
	}

	@Test
	void tokenRepositoryWhenHostPrefixedNameThenSecureWithThePathRootAndNoDomain() {
		String cookie = savedCookie(CsrfCookieFilter.tokenRepository("__Host-XSRF-TOKEN"), request("/app"));
		assertThat(cookie).startsWith("__Host-XSRF-TOKEN=")
			.contains("; Path=/;")
			.contains("; Secure")
			.doesNotContain("HttpOnly")
			.doesNotContainIgnoringCase("Domain=");
	}

	@Test
	void tokenRepositoryWhenHostPrefixInAnotherCaseThenStillSecureWithThePathRoot() {
		// browsers match the prefix regardless of case, and then demand what it demands
		String cookie = savedCookie(CsrfCookieFilter.tokenRepository("__HOST-xsrf"), request("/app"));
		assertThat(cookie).startsWith("__HOST-xsrf=").contains("; Path=/;").contains("; Secure");
	}

	@Test
	void tokenRepositoryWhenSecurePrefixedNameThenSecure() {
		String cookie = savedCookie(CsrfCookieFilter.tokenRepository("__Secure-XSRF-TOKEN"), request(""));
		assertThat(cookie).startsWith("__Secure-XSRF-TOKEN=").contains("; Path=/").contains("; Secure");
	}

	@Test
	void tokenRepositoryWhenHostPrefixedNameThenTheCookieIsAlsoClearedWithItsAttributes() {
		CsrfTokenRepository repository = CsrfCookieFilter.tokenRepository("__Host-XSRF-TOKEN");
		MockHttpServletResponse response = new MockHttpServletResponse();
		repository.saveToken(null, request("/app"), response);
		// a browser ignores a __Host- cookie without Secure and Path=/, also when told to
		// delete it
		assertThat(response.getHeader(HttpHeaders.SET_COOKIE)).startsWith("__Host-XSRF-TOKEN=")
			.contains("Max-Age=0")
			.contains("; Path=/;")
			.contains("; Secure");
	}

	@Test
	void tokenRepositoryWhenAnyNameThenTheTokenIsReadFromThatCookieAndSentInTheSameHeader() {
		CsrfTokenRepository repository = CsrfCookieFilter.tokenRepository("APP-CSRF");
		CsrfToken token = repository.generateToken(request(""));
		assertThat(token.getHeaderName()).isEqualTo("X-XSRF-TOKEN");
		assertThat(token.getParameterName()).isEqualTo("_csrf");
		MockHttpServletRequest next = request("");
		next.setCookies(new Cookie("APP-CSRF", token.getToken()));
		assertThat(repository.loadToken(next).getToken()).isEqualTo(token.getToken());
	}

	private static MockHttpServletRequest request(String contextPath) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", contextPath + "/hello");
		request.setContextPath(contextPath);
		return request;
	}

	private static String savedCookie(CsrfTokenRepository repository, MockHttpServletRequest request) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		repository.saveToken(repository.generateToken(request), request, response);
		return response.getHeader(HttpHeaders.SET_COOKIE);
	}

}
