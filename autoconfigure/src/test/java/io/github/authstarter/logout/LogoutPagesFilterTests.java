package io.github.authstarter.logout;

import java.util.List;
import java.util.Map;

import io.github.authstarter.redis.AuthRedisKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogoutPagesFilter}: the signed-out page.
 */
class LogoutPagesFilterTests {

	/** A template without a connection: any Redis command would throw. */
	private final LogoutStates states = new LogoutStates(new StringRedisTemplate(), new AuthRedisKeys("auth:"));

	private final LogoutPagesFilter filter = new LogoutPagesFilter(
			new LogoutSettings("/auth/logout", "/auth/logged-out", "/auth/logged-out", Map.of(), Map.of()),
			this.states);

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void signedOutPageWhenTheStateIsNotOneTheStarterIssuedThenNoRedisCommand() throws Exception {
		for (String state : List.of("forged", "x".repeat(200), "a".repeat(31) + "!")) {
			MockHttpServletResponse response = get("/auth/logged-out?state=" + state);
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getContentAsString()).contains("<h1>You are signed out</h1>");
		}
	}

	@Test
	void signedOutPageWhenTheUserIsSignedInThenTheStartPageInstead() throws Exception {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("alice", null, List.of()) {
			{
				setAuthenticated(true);
			}
		});
		MockHttpServletResponse response = get("/auth/logged-out");
		assertThat(response.getRedirectedUrl()).isEqualTo("/");
	}

	private MockHttpServletResponse get(String uri) throws Exception {
		String[] parts = uri.split("\\?", 2);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", parts[0]);
		if (parts.length > 1) {
			request.setQueryString(parts[1]);
			request.addParameter(parts[1].split("=", 2)[0], parts[1].split("=", 2)[1]);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
