package io.github.authstarter.actuate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AppInstances;
import io.github.authstarter.testbed.Browser;
import io.github.authstarter.testbed.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics, health and the {@code auth} endpoint of a real application through real
 * logins, refreshes and logouts against a real provider, and the provider going down.
 */
class OperationsIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private static AppInstances apps;

	@BeforeAll
	static void start() {
		provider.start();
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.health.jwks-check-interval", "0s");
		properties.put("management.endpoints.web.exposure.include", "health,auth");
		apps = AppInstances.start(1, TestApplication.class, properties);
	}

	@AfterAll
	static void stop() {
		apps.close();
		provider.stop();
	}

	@Test
	void loginsRefreshesAndLogoutsAreCountedWithTheirReasons() throws Exception {
		String app = apps.url(0);
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(app + "/auth/login/test", "alice");
			browser.get(callback);
			// the same callback again: a replayed state
			try (Browser replay = new Browser()) {
				replay.get(callback);
			}
			browser.get(app + "/auth/login/no-such-provider");
			assertThat(browser.postWithCsrf(app + "/auth/refresh", true).getStatusCode()).isEqualTo(200);
			browser.postWithCsrf(app + "/auth/logout", true);
		}
		try (Browser bob = new Browser()) {
			bob.login(app + "/auth/login/test", "bob", app);
			Map<String, Object> claims = provider.logoutTokenClaims();
			claims.put("sub", "bob");
			HttpResponse<String> backChannel = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(app + "/auth/backchannel-logout/test"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("logout_token="
							+ URLEncoder.encode(provider.signLogoutToken(claims), StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(backChannel.statusCode()).isEqualTo(200);
		}
		MeterRegistry meters = apps.context(0).getBean(MeterRegistry.class);
		assertThat(count(meters, "auth.logins", "outcome", "success")).isEqualTo(2);
		assertThat(meters.get("auth.logins").tags("outcome", "failure", "reason", "state_unknown").counter().count())
			.isEqualTo(1);
		assertThat(meters.get("auth.logins")
			.tags("provider", "unknown", "outcome", "failure", "reason", "unknown_provider")
			.counter()
			.count()).isEqualTo(1);
		assertThat(meters.get("auth.refreshes").tags("provider", "test", "outcome", "refreshed").counter().count())
			.isEqualTo(1);
		assertThat(meters.get("auth.logouts").tags("kind", "provider").counter().count()).isEqualTo(1);
		assertThat(meters.get("auth.logouts").tags("kind", "backchannel").counter().count()).isEqualTo(1);
	}

	@Test
	void healthFollowsTheProviderAndTheEndpointDescribesIt() {
		HealthIndicator test = (HealthIndicator) apps.context(0)
			.getBean("authHealthContributor", CompositeHealthContributor.class)
			.getContributor("test");
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(0));
		}
		Health up = test.health();
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("issuer", provider.issuer()).containsKey("jwksKeys");
		Map<String, Object> auth = apps.context(0).getBean(AuthEndpoint.class).auth();
		assertThat(auth.toString()).contains("id=test").contains("state=resolved").doesNotContain("secret");
		provider.stop();
		try {
			assertThat(test.health().getStatus()).isEqualTo(Status.DOWN);
		}
		finally {
			provider.start();
		}
		assertThat(test.health().getStatus()).isEqualTo(Status.UP);
	}

	private static double count(MeterRegistry meters, String name, String... tags) {
		return meters.get(name).tags(tags).counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

}
