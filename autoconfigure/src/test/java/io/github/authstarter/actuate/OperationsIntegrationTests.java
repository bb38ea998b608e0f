package io.github.authstarter.actuate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.RecordedObservations;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics, health and the {@code auth} endpoint of a real application through real
 * logins, refreshes and logouts against a real provider, and the provider going down.
 */
class OperationsIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider)
		.instances(1)
		.properties(OperationsIntegrationTests::appProperties);

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.health.jwks-check-interval", "0s");
		properties.put("management.endpoints.web.exposure.include", "health,auth");
		properties.put("management.endpoint.health.show-details", "always");
		properties.put("management.endpoint.health.show-components", "always");
		return properties;
	}

	@Test
	void loginsRefreshesAndLogoutsAreCountedWithTheirReasons() throws Exception {
		String app = bed.apps().url(0);
		MeterRegistry meters = bed.apps().context(0).getBean(MeterRegistry.class);
		// counted as differences, so the other tests' logins in this context do not
		// matter
		double successes = count(meters, "auth.logins", "outcome", "success");
		double replays = count(meters, "auth.logins", "outcome", "failure", "reason", "state_unknown");
		double unknown = count(meters, "auth.logins", "provider", "unknown", "outcome", "failure", "reason",
				"unknown_provider");
		double refreshes = count(meters, "auth.refreshes", "provider", "test", "outcome", "refreshed");
		double providerLogouts = count(meters, "auth.logouts", "kind", "provider");
		double backChannelLogouts = count(meters, "auth.logouts", "kind", "backchannel");
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(app + "/auth/login/test", "alice");
			browser.get(callback);
			// the same callback again: a replayed state
			try (Browser replay = new Browser()) {
				replay.get(callback);
			}
			browser.get(app + "/auth/login/no-such-provider");
			assertThat(browser.postWithCsrf(app + "/auth/refresh", true).statusCode()).isEqualTo(200);
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
		assertThat(count(meters, "auth.logins", "outcome", "success") - successes).isEqualTo(2);
		assertThat(count(meters, "auth.logins", "outcome", "failure", "reason", "state_unknown") - replays)
			.isEqualTo(1);
		assertThat(
				count(meters, "auth.logins", "provider", "unknown", "outcome", "failure", "reason", "unknown_provider")
						- unknown)
			.isEqualTo(1);
		assertThat(count(meters, "auth.refreshes", "provider", "test", "outcome", "refreshed") - refreshes)
			.isEqualTo(1);
		assertThat(count(meters, "auth.logouts", "kind", "provider") - providerLogouts).isEqualTo(1);
		assertThat(count(meters, "auth.logouts", "kind", "backchannel") - backChannelLogouts).isEqualTo(1);
		// the same operations as observations (spans), with low-cardinality keys only
		assertThat(bed.apps().context(0).getBean(RecordedObservations.class).all()).contains(
				"auth.login.start{outcome=redirected, provider=test}",
				"auth.login.start{outcome=unknown_provider, provider=unknown}",
				"auth.login.callback{outcome=success, provider=test}",
				"auth.login.callback{outcome=state_unknown, provider=test}",
				"auth.refresh{outcome=refreshed, provider=test}", "auth.logout{kind=provider, provider=test}",
				"auth.backchannel.logout{outcome=accepted, provider=test}");
		// counters and timers from the same observations: Boot's meter handler times them
		assertThat(meters.get("auth.refresh").tags("provider", "test", "outcome", "refreshed").timer().count())
			.isPositive();
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthFollowsTheProviderAndTheEndpointDescribesIt() throws Exception {
		// as an operator sees them: over HTTP, signed in (the endpoints are not public)
		try (Browser operator = new Browser()) {
			operator.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			Map<String, Object> up = providerHealth(operator);
			assertThat(up).containsEntry("status", "UP");
			assertThat((Map<String, Object>) up.get("details")).containsEntry("issuer", provider.issuer())
				.containsKey("jwksKeys");
			HttpResponse<String> auth = operator.getJson(bed.apps().url(0) + "/actuator/auth");
			assertThat(auth.statusCode()).isEqualTo(200);
			assertThat(auth.body()).contains("\"id\":\"test\"")
				.contains("\"state\":\"resolved\"")
				.doesNotContain(TestOpenIdProvider.CLIENT_SECRET);
			provider.stop();
			try {
				assertThat(providerHealth(operator)).containsEntry("status", "DOWN");
				assertThat(operator.getJson(bed.apps().url(0) + "/actuator/health").statusCode()).isEqualTo(503);
			}
			finally {
				provider.start();
			}
			assertThat(providerHealth(operator)).containsEntry("status", "UP");
		}
	}

	@Test
	void loadBalancersProbeHealthWithoutSigningIn() throws Exception {
		HttpResponse<String> probe = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(bed.apps().url(0) + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(probe.statusCode()).isEqualTo(200);
		assertThat(probe.body()).contains("\"status\":\"UP\"");
		HttpResponse<String> auth = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(bed.apps().url(0) + "/actuator/auth"))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(auth.statusCode()).as("the auth endpoint stays private").isEqualTo(401);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> providerHealth(Browser operator) throws Exception {
		Map<String, Object> health = JSONObjectUtils
			.parse(operator.getJson(bed.apps().url(0) + "/actuator/health").body());
		Map<String, Object> components = (Map<String, Object>) health.get("components");
		Map<String, Object> authHealth = (Map<String, Object>) components.get("auth");
		return (Map<String, Object>) ((Map<String, Object>) authHealth.get("components")).get("test");
	}

	private static double count(MeterRegistry meters, String name, String... tags) {
		return meters.find(name).tags(tags).counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

}
