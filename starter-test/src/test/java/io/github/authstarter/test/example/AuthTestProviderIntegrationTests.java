package io.github.authstarter.test.example;

import java.net.http.HttpResponse;
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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Real logins through the application's login flow, against a real OpenID Provider and a
 * real Redis, as an application's own integration test would run them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AuthTestProviderIntegrationTests {

	@RegisterExtension
	static final AuthTestProvider provider = AuthTestProvider.registeredAs("corp")
		.user("carol", Map.of("name", "Carol Example", "email", "carol@example.com", "email_verified", true));

	@DynamicPropertySource
	static void authProperties(DynamicPropertyRegistry registry) {
		provider.registerProperties(registry);
	}

	@Test
	void loginAsSignsInThroughTheProvider() {
		Browser carol = provider.loginAs("carol");
		HttpResponse<String> me = carol.getJson("/api/me");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"name\":\"Carol Example\"").contains("\"provider\":\"corp\"");
		assertThat(carol.cookie("SESSION")).isNotBlank();
	}

	@Test
	void theSessionWorksWithRestClientAndRefreshesAtTheProvider() {
		Browser alice = provider.loginAs("alice");
		int grants = provider.openIdProvider().refreshGrants();
		assertThat(alice.postJson("/auth/refresh", null).statusCode()).isEqualTo(200);
		assertThat(provider.openIdProvider().refreshGrants()).isEqualTo(grants + 1);
		assertThat(alice.restClient().get().uri("/api/greeting").retrieve().body(String.class))
			.isEqualTo("Hello, Alice Example");
	}

	@Test
	void aBrowserWithoutLoginIsAnonymous() {
		assertThat(provider.browser().getJson("/api/me").statusCode()).isEqualTo(401);
	}

	@Test
	void anUnknownUserFailsNamingTheUser() {
		assertThatIllegalStateException().isThrownBy(() -> provider.loginAs("mallory"))
			.withMessageContaining("mallory");
	}

}
