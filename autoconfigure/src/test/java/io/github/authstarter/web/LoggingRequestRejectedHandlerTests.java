package io.github.authstarter.web;

import io.github.authstarter.autoconfigure.DefaultAuthPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LoggingRequestRejectedHandlerTests {

	@Test
	void rejectedHeaderValueNeverReachesTheLog(CapturedOutput output) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		// the message StrictHttpFirewall writes for a header value with a control
		// character
		new LoggingRequestRejectedHandler(AuthErrorResponder.standard())
			.handle(new MockHttpServletRequest(), response, new RequestRejectedException(
					"The request was rejected because the header value \"Bearer s3cr3t-token\u0007\" is not allowed."));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(output)
			.contains("Request rejected by the firewall: The request was rejected because the header value")
			.contains("is not allowed")
			.doesNotContain("s3cr3t-token");
	}

	@Test
	void handleWhenOnAnApiPathFromABrowserThenJson() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders;x=y");
		request.addHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
		MockHttpServletResponse response = new MockHttpServletResponse();
		new LoggingRequestRejectedHandler(AuthErrorResponder.standard(), DefaultAuthPaths.get()).handle(request,
				response,
				new RequestRejectedException("The request was rejected because the URL contained a semicolon."));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"error\":\"request_rejected\"");
	}

}
