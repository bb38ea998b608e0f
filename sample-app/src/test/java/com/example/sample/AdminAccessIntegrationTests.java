package com.example.sample;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's admin page and endpoint on two instances behind no sticky sessions: the
 * {@code admins} role comes from the provider's {@code roles} claim, Spring Security
 * decides with it ({@code requestMatchers(..).hasRole(..)} and {@code @PreAuthorize}),
 * and the login's hops land on different instances.
 */
class AdminAccessIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create().registrationIds("demo");

	private static AppInstances apps;

	@BeforeAll
	static void start() {
		provider.addUser("alice", Map.of("name", "Alice Admin", "email", "alice@example.com", "email_verified", true,
				"roles", List.of("admins")));
		provider.start();
		Map<String, Object> properties = new HashMap<>(TestRedis.get().properties());
		properties.putAll(provider.clientProperties("demo"));
		properties.put("auth.providers.demo.authorities.claims", "roles");
		properties.put("auth.flow.max-starts-per-client-per-minute", "100000");
		properties.put("sample.api.user-info-uri", provider.issuer() + "/userinfo");
		apps = AppInstances.start(2, SampleApplication.class, properties);
	}

	@AfterAll
	static void stop() {
		if (apps != null) {
			apps.close();
		}
		provider.close();
	}

	@Test
	void anAdminReachesThePageAndTheEndpointOnEitherInstance() {
		try (Browser alice = new Browser()) {
			alice.login(apps.url(0) + "/auth/login/demo", "alice", apps.url(1));
			assertThat(alice.get(apps.url(0) + "/").body()).contains("id=\"admin-link\"").contains("ROLE_admins");
			HttpResponse<String> page = alice.get(apps.url(1) + "/admin");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("Welcome, <span>Alice Admin</span>");
			HttpResponse<String> api = alice.getJson(apps.url(0) + "/api/admin");
			assertThat(api.statusCode()).isEqualTo(200);
			assertThat(api.body()).contains("\"admin\":\"Alice Admin\"").contains("ROLE_admins");
			assertThat(alice.getJson(apps.url(1) + "/api/admin/report").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void someoneWithoutTheRoleIsForbiddenOnEitherInstance() {
		try (Browser bob = new Browser()) {
			bob.login(apps.url(1) + "/auth/login/demo", "bob", apps.url(0));
			assertThat(bob.get(apps.url(0) + "/").body()).doesNotContain("id=\"admin-link\"");
			assertThat(bob.get(apps.url(0) + "/admin").statusCode()).isEqualTo(403);
			HttpResponse<String> api = bob.getJson(apps.url(1) + "/api/admin");
			assertThat(api.statusCode()).isEqualTo(403);
			assertThat(api.body()).contains("\"error\"");
			assertThat(bob.getJson(apps.url(0) + "/api/admin/report").statusCode()).isEqualTo(403);
		}
	}

	@Test
	void theRoleFollowsTheProviderOnRefresh() {
		provider.addUser("carol", Map.of("name", "Carol", "roles", List.of("admins")));
		try (Browser carol = new Browser()) {
			carol.login(apps.url(0) + "/auth/login/demo", "carol", apps.url(0));
			assertThat(carol.getJson(apps.url(1) + "/api/admin").statusCode()).isEqualTo(200);
			provider.setClaim("carol", "roles", List.of());
			assertThat(carol.postJson(apps.url(1) + "/auth/refresh", null).statusCode()).isEqualTo(200);
			assertThat(carol.getJson(apps.url(0) + "/api/admin").statusCode()).isEqualTo(403);
		}
	}

}
