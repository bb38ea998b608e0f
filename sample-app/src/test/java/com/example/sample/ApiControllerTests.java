package com.example.sample;

import io.github.authstarter.test.TestUser;
import io.github.authstarter.test.WithCurrentUser;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.authstarter.test.AuthRequestPostProcessors.currentUser;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample's JSON API in a controller slice: no Redis, no provider, the user comes from
 * {@code @WithCurrentUser} or {@code currentUser(...)}.
 */
@WebMvcTest(ApiController.class)
@Import(SampleSecurity.class)
class ApiControllerTests {

	@Autowired
	private MockMvc mvc;

	@Test
	@WithCurrentUser(value = "alice", provider = "demo", name = "Alice Demo", email = "alice@example.com")
	void meDescribesTheSignedInUser() throws Exception {
		this.mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Alice Demo"))
			.andExpect(jsonPath("$.email").value("alice@example.com"))
			.andExpect(jsonPath("$.provider").value("demo"))
			.andExpect(jsonPath("$.subject").value("alice"))
			.andExpect(jsonPath("$.accessTokenExpiresAt").isNotEmpty());
	}

	@Test
	@WithCurrentUser(value = "alice", provider = "demo", roles = "admins")
	void anAdminMayUseTheAdminEndpoint() throws Exception {
		this.mvc.perform(get("/api/admin").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.authorities").value(Matchers.hasItem("ROLE_admins")));
	}

	@Test
	@WithCurrentUser(value = "bob", provider = "demo")
	void someoneWithoutTheRoleIsForbidden() throws Exception {
		this.mvc.perform(get("/api/admin").accept(MediaType.APPLICATION_JSON)).andExpect(status().isForbidden());
	}

	@Test
	void theAdminRoleCanBeGivenPerRequest() throws Exception {
		this.mvc
			.perform(get("/api/admin").accept(MediaType.APPLICATION_JSON)
				.with(currentUser(TestUser.withSubject("carol").provider("demo").roles("admins"))))
			.andExpect(status().isOk());
	}

	@Test
	void meNeedsASignedInUser() throws Exception {
		this.mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
	}

	@Test
	void aUserWithoutANameShowsTheSubject() throws Exception {
		this.mvc
			.perform(get("/api/me").accept(MediaType.APPLICATION_JSON)
				.with(currentUser(TestUser.withSubject("bob").provider("demo"))))
			.andExpect(jsonPath("$.name").value("bob"))
			.andExpect(jsonPath("$.email").doesNotExist());
	}

}
