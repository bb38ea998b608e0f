package io.github.authstarter.test.example;

import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.test.WithCurrentUser;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.user.CurrentUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.authstarter.test.AuthRequestPostProcessors.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole application with its real Redis session store: the test user's session is
 * written to Redis and found through the session cookie, as after a login. The provider
 * is never contacted (discovery is lazy).
 */
@SpringBootTest
@AutoConfigureMockMvc
class WithCurrentUserSpringBootTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.get().url());
		registry.add("auth.providers.corp.issuer-uri", () -> "http://127.0.0.1:9/never-contacted");
		registry.add("auth.providers.corp.client-id", () -> "app");
		registry.add("auth.providers.corp.client-secret", () -> "secret");
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private CurrentUser currentUser;

	@Autowired
	private StringRedisTemplate redis;

	@Test
	@WithCurrentUser(value = "alice", name = "Alice Example")
	void theUsersSessionIsInRedisUnderTheOnlyConfiguredProvider() throws Exception {
		this.mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Alice Example"))
			.andExpect(jsonPath("$.provider").value("corp"));
		// the record as the starter stores it (the name is a claim of the id token)
		assertThat(this.redis.keys("spring:session:sessions:*")).anySatisfy((key) -> {
			String json = (String) JSONObjectUtils
				.parse("{\"r\":" + this.redis.opsForHash().get(key, "sessionAttr:" + SessionUserStore.ATTRIBUTE) + "}")
				.get("r");
			assertThat(SessionUser.fromJson(json).claims()).containsEntry("name", "Alice Example");
		});
	}

	@Test
	@WithCurrentUser(value = "alice", name = "Alice Example")
	void theTestItselfSeesTheUser() {
		assertThat(this.currentUser.isAuthenticated()).isTrue();
		assertThat(this.currentUser.name()).isEqualTo("Alice Example");
		assertThat(this.currentUser.provider()).isEqualTo("corp");
		assertThat(this.currentUser.claims()).containsAllEntriesOf(Map.of("sub", "alice"));
	}

	@Test
	@WithCurrentUser("alice")
	void anonymousWins() throws Exception {
		this.mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON).with(anonymous()))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void withoutTheAnnotationNobodyIsSignedIn() throws Exception {
		this.mvc.perform(get("/api/me").accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
		assertThat(this.currentUser.isAuthenticated()).isFalse();
	}

}
