package io.github.authstarter.web;

import io.github.authstarter.autoconfigure.DefaultAuthPaths;
import io.github.authstarter.session.SessionUserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoginCallbackFailureHandler}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginCallbackFailureHandlerTests {

	private final LoginCallbackFailureHandler handler = new LoginCallbackFailureHandler(new SessionUserStore(),
			DefaultAuthPaths.get(), "/", AuthErrorResponder.standard(), (event) -> {
			});

	@Test
	void onAuthenticationFailureWhenErrorCodeHasLineBreaksThenLogsNoForgedLine(CapturedOutput output) throws Exception {
		MockHttpServletResponse response = fail("evil\r\n2026-01-01 INFO forged: admin signed in");
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(output.getAll()).contains("Login failed for provider 'test': login_failed (invalid)")
			.doesNotContain("forged: admin");
	}

	@Test
	void onAuthenticationFailureWhenErrorCodeIsAPlainTokenThenLogsIt(CapturedOutput output) throws Exception {
		fail("temporarily_unavailable");
		assertThat(output.getAll())
			.contains("Login failed for provider 'test': login_failed (temporarily_unavailable)");
	}

	@Test
	void loggableWhenTooLongOrOddThenInvalid() {
		assertThat(LoginCallbackFailureHandler.loggable("a".repeat(65))).isEqualTo("invalid");
		assertThat(LoginCallbackFailureHandler.loggable("")).isEqualTo("invalid");
		assertThat(LoginCallbackFailureHandler.loggable("a b")).isEqualTo("invalid");
		assertThat(LoginCallbackFailureHandler.loggable("server_error.v2-x")).isEqualTo("server_error.v2-x");
	}

	private MockHttpServletResponse fail(String code) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login/oauth2/code/test");
		request.addHeader("Accept", "application/json");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.handler.onAuthenticationFailure(request, response,
				new OAuth2AuthenticationException(new OAuth2Error(code)));
		return response;
	}

}
