package io.github.authstarter.test.example;

import io.github.authstarter.test.TestUser;
import io.github.authstarter.test.WithCurrentUser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.authstarter.test.AuthRequestPostProcessors.anonymous;
import static io.github.authstarter.test.AuthRequestPostProcessors.currentUser;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A controller slice with no Redis and no provider: the user comes from the annotation or
 * the request post-processor.
 */
@WebMvcTest(ExampleApplication.MeController.class)
class WithCurrentUserWebMvcTests {

	@Autowired
	private MockMvc mvc;

	@Test
	@WithCurrentUser(value = "alice", name = "Alice Example", email = "alice@example.com",
			claims = { "roles=admin", "roles=user" }, accessToken = "alice-token")
	void controllersSeeTheAnnotatedUserWithClaimsAndTokens() throws Exception {
		this.mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Alice Example"))
			.andExpect(jsonPath("$.email").value("alice@example.com"))
			.andExpect(jsonPath("$.provider").value("test"))
			.andExpect(jsonPath("$.roles").value(contains("admin", "user")))
			.andExpect(jsonPath("$.accessToken").value("alice-token"));
	}

	@Test
	@WithCurrentUser(value = "alice", name = "Alice Example")
	void theControllerArgumentAndTheUserEndpointSeeItToo() throws Exception {
		this.mvc.perform(get("/api/greeting")).andExpect(content().string("Hello, Alice Example"));
		this.mvc.perform(get("/auth/user").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subject").value("alice"))
			.andExpect(jsonPath("$.claims.name").value("Alice Example"));
	}

	@Test
	void withoutTheAnnotationRequestsAreAnonymous() throws Exception {
		this.mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").exists());
	}

	@Test
	@WithCurrentUser("alice")
	void aRequestsOwnUserWins() throws Exception {
		this.mvc
			.perform(get("/api/me").accept(MediaType.APPLICATION_JSON)
				.with(currentUser(TestUser.withSubject("bob").provider("github").name("Bob"))))
			.andExpect(jsonPath("$.name").value("Bob"))
			.andExpect(jsonPath("$.provider").value("github"));
		this.mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON).with(anonymous()))
			.andExpect(status().isUnauthorized());
	}

	@Test
	@WithCurrentUser(value = "alice", expiresIn = "-1m", accessToken = "expired-token")
	void expiredTokensAreRefreshedAsAProviderWouldGrant() throws Exception {
		this.mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.accessToken").value(not("expired-token")));
	}

	@Test
	@WithCurrentUser(value = "alice", expiresIn = "-1m", accessToken = "expired-token", refreshToken = false)
	void expiredTokensWithoutARefreshTokenStayAsTheyAre() throws Exception {
		// as in production: nothing to refresh with, the provider's API will say 401
		this.mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.accessToken").value("expired-token"));
	}

	@Nested
	@WithCurrentUser(value = "carol", name = "Carol")
	class OnTheClass {

		@Test
		void everyMethodIsSignedIn() throws Exception {
			WithCurrentUserWebMvcTests.this.mvc.perform(get("/api/greeting"))
				.andExpect(content().string("Hello, Carol"));
		}

		@Test
		@WithCurrentUser(value = "dave", name = "Dave")
		void aMethodAnnotationWins() throws Exception {
			WithCurrentUserWebMvcTests.this.mvc.perform(get("/api/greeting"))
				.andExpect(content().string("Hello, Dave"));
		}

	}

}
