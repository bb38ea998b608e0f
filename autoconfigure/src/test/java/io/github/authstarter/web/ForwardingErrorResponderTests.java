package io.github.authstarter.web;

import java.io.IOException;

import io.github.authstarter.http.PageTexts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForwardingErrorResponder}: the application's error page where a
 * forward can work, the starter's own everywhere else, never a 500 or a loop.
 */
class ForwardingErrorResponderTests {

	private static final AuthError EXPIRED = new AuthError(400, "state_unknown", "Expired.", "google");

	private final AuthErrorResponder responder = AuthErrorResponder.forwardTo("/oops");

	@Test
	void respondForwardsABrowserWithTheErrorAndItsStatus() throws IOException {
		MockHttpServletRequest request = browser();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.responder.respond(request, response, EXPIRED);
		assertThat(response.getForwardedUrl()).isEqualTo("/oops");
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(request.getAttribute(AuthError.ATTRIBUTE)).isEqualTo(EXPIRED);
	}

	@Test
	void respondNamesOnlyAConfiguredProviderToThePage() throws IOException {
		MockHttpServletRequest request = browser();
		this.responder.respond(request, new MockHttpServletResponse(),
				new AuthError(404, "unknown_provider", "Not valid.", "Your-account-is-locked-call-555"));
		assertThat(((AuthError) request.getAttribute(AuthError.ATTRIBUTE)).provider()).isNull();
	}

	@Test
	void respondAnswersItselfWhereAForwardCannotWork() throws IOException {
		MockHttpServletRequest json = new MockHttpServletRequest("GET", "/login/oauth2/code/google");
		json.addHeader("Accept", "application/json");
		assertStartersOwn(json, new MockHttpServletResponse(), EXPIRED);
		// the firewall and an unreachable session store would refuse the forward too
		assertStartersOwn(browser(), new MockHttpServletResponse(),
				new AuthError(400, "request_rejected", "Not valid here.", null));
		assertStartersOwn(browser(), new MockHttpServletResponse(),
				new AuthError(503, "session_store_unavailable", "Down.", null));
		// the page itself failed: no loop
		MockHttpServletRequest forwarded = browser();
		forwarded.setDispatcherType(DispatcherType.FORWARD);
		assertStartersOwn(forwarded, new MockHttpServletResponse(), EXPIRED);
		MockHttpServletRequest again = browser();
		again.setAttribute(AuthError.ATTRIBUTE, EXPIRED);
		assertStartersOwn(again, new MockHttpServletResponse(), EXPIRED);
	}

	@Test
	void respondWhenTheResponseIsCommittedThenWritesNothingElse() throws IOException {
		MockHttpServletResponse committed = new MockHttpServletResponse();
		committed.setCommitted(true);
		this.responder.respond(browser(), committed, EXPIRED);
		assertThat(committed.getForwardedUrl()).isNull();
	}

	@Test
	void respondWhenThePageThrowsThenTheStartersPage() throws IOException {
		MockHttpServletRequest request = failingPage();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.responder.respond(request, response, EXPIRED);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("<h1>Sign-in problem</h1>", "Expired.");
	}

	@Test
	void respondWhenThePageThrowsThenTheStartersPageKeepsTheErrorsHeaders() throws IOException {
		MockHttpServletRequest request = failingPage();
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("Retry-After", "5");
		response.setHeader("Cache-Control", "no-store");
		this.responder.respond(request, response,
				new AuthError(503, "provider_unavailable", "Google cannot be reached.", "google"));
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
	}

	private static MockHttpServletRequest failingPage() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login/oauth2/code/google") {

			@Override
			public RequestDispatcher getRequestDispatcher(String path) {
				return new RequestDispatcher() {

					@Override
					public void forward(ServletRequest request, ServletResponse response) throws ServletException {
						throw new ServletException("template not found");
					}

					@Override
					public void include(ServletRequest request, ServletResponse response) {
					}

				};
			}

		};
		request.addHeader("Accept", "text/html");
		return request;
	}

	private void assertStartersOwn(MockHttpServletRequest request, MockHttpServletResponse response, AuthError error)
			throws IOException {
		this.responder.respond(request, response, error);
		assertThat(response.getForwardedUrl()).as(error.error()).isNull();
		assertThat(response.getStatus()).isEqualTo(error.status());
		assertThat(response.getContentAsString()).isNotEmpty();
	}

	private static MockHttpServletRequest browser() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login/oauth2/code/google");
		request.addHeader("Accept", "text/html");
		new PageTexts(null, PageTexts.SHIPPED, (id) -> "google".equals(id) ? "Google" : null).attach(request);
		return request;
	}

}
