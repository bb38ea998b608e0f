package com.example.sample;

import java.util.Map;

import io.github.authstarter.test.AuthTestProvider;
import io.github.authstarter.test.server.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as an application's own integration test runs it: without its demo mode, a
 * real OpenID Provider and Redis from {@code auth-spring-boot-test-servers}, driven by
 * the test kit's {@code AuthTestProvider}, and real logins.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SignInIntegrationTests {

	@RegisterExtension
	static final AuthTestProvider provider = AuthTestProvider.registeredAs("demo")
		.user("alice", Map.of("name", "Alice Tester", "email", "alice@example.com"));

	@DynamicPropertySource
	static void authProperties(DynamicPropertyRegistry registry) {
		provider.registerProperties(registry);
		registry.add("sample.api.user-info-uri", () -> provider.openIdProvider().issuer() + "/userinfo");
	}

	@Test
	void theCardAndTheApiShowTheSignedInUser() {
		Browser alice = provider.loginAs("alice");
		assertThat(alice.get("/").body()).contains("Alice Tester").contains("alice@example.com");
		assertThat(alice.getJson("/api/me").body()).contains("\"provider\":\"demo\"");
		assertThat(alice.getJson("/api/userinfo").body()).contains("\"sub\":\"alice\"");
	}

	@Test
	void signingOutEndsTheSession() {
		Browser alice = provider.loginAs("alice");
		assertThat(alice.postJson("/auth/logout", null).body()).contains("logoutUrl");
		assertThat(alice.getJson("/api/me").statusCode()).isEqualTo(401);
	}

}
