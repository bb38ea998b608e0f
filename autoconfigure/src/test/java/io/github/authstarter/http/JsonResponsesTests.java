package io.github.authstarter.http;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonResponses}.
 */
class JsonResponsesTests {

	@Test
	void aProblemCarriesTheStartersMembersAfterItsOwnAndIsNeverCached() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		JsonResponses.problem(response, 401, "unauthenticated", "Sign in first.",
				Map.of("loginUrl", "/auth/login/corp", "status", 200, "error", "forged"));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		// a member never replaces what the problem itself says
		assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
				+ "\"status\":401,\"detail\":\"Sign in first.\",\"error\":\"unauthenticated\","
				+ "\"message\":\"Sign in first.\",\"loginUrl\":\"/auth/login/corp\"}");
	}

}
