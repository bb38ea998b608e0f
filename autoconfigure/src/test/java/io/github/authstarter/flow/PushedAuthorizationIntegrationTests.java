package io.github.authstarter.flow;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pushed authorization requests (RFC 9126) against a real provider that advertises a PAR
 * endpoint, on two instances: with {@code par: auto} the browser carries only
 * {@code client_id} and {@code request_uri}, the login started on one instance completes
 * on the other, and a provider that requires PAR accepts it; without the property a login
 * is pushed where the provider offers PAR, and with {@code par: off} still where its
 * metadata requires it; with {@code par: required} and a provider that offers no PAR
 * endpoint, the login does not start and says why; a start the login-start cap refuses
 * pushes nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class PushedAuthorizationIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.providers.test.par", "auto");
		// the same provider known by its endpoints only: no metadata, so no PAR endpoint
		String other = "auth.providers.other.";
		properties.put(other + "client-id", provider.clientId());
		properties.put(other + "client-secret", provider.clientSecret());
		properties.put(other + "issuer", provider.issuer());
		properties.put(other + "authorization-uri", provider.issuer() + "/oauth2/authorize");
		properties.put(other + "token-uri", provider.issuer() + "/oauth2/token");
		properties.put(other + "jwk-set-uri", provider.issuer() + "/oauth2/jwks");
		properties.put(other + "par", "required");
		return properties;
	});

	@Test
	void theBrowserCarriesOnlyTheRequestUriAndTheLoginCompletesOnAnotherInstance() {
		try (Browser browser = new Browser()) {
			int pushed = provider.parRequests();
			HttpResponse<String> start = browser.get(bed.apps().url(0) + "/auth/login/test?redirect=/api/name");
			assertThat(start.statusCode()).isEqualTo(302);
			Map<String, String> query = Browser.queryParameters(Browser.location(start));
			assertThat(query).containsOnlyKeys("client_id", "request_uri");
			assertThat(query.get("request_uri")).startsWith("urn:ietf:params:oauth:request_uri:");
			assertThat(provider.parRequests()).isEqualTo(pushed + 1);
			browser.clearCookies();
		}
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/test", "alice",
					bed.apps().url(1));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(browser.get(bed.apps().url(1) + "/api/name").body()).isEqualTo("Alice Example");
			List<String> brought = provider.authorizationRequests();
			assertThat(brought.get(brought.size() - 1)).doesNotContain("state=").doesNotContain("redirect_uri");
		}
	}

	@Test
	void aProviderThatRequiresParAcceptsThePushedRequest() {
		provider.requirePar(true);
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(bed.apps().url(1) + "/auth/login/test", "bob",
					bed.apps().url(0));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").body()).contains("\"subject\":\"bob\"");
		}
		finally {
			provider.requirePar(false);
		}
	}

	@Test
	void withoutTheParPropertyALoginIsPushedWhereTheProviderOffersIt() {
		Map<String, Object> properties = provider.appProperties();
		properties.remove("auth.providers.test.par");
		properties.put("auth.redis.key-prefix", "par-default:");
		try (AppInstances app = AppInstances.start(1, TestApplication.class, properties);
				Browser browser = new Browser()) {
			int pushed = provider.parRequests();
			HttpResponse<String> start = browser.get(app.url(0) + "/auth/login/test");
			assertThat(Browser.queryParameters(Browser.location(start))).containsOnlyKeys("client_id", "request_uri");
			assertThat(provider.parRequests()).isEqualTo(pushed + 1);
		}
	}

	@Test
	void aProviderThatRequiresParGetsPushedRequestsEvenWithParOff(CapturedOutput output) {
		// before the application discovers it: its metadata then says it requires PAR
		provider.requirePar(true);
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.providers.test.par", "off");
		properties.put("auth.redis.key-prefix", "par-off:");
		try (AppInstances app = AppInstances.start(1, TestApplication.class, properties)) {
			for (String user : List.of("alice", "bob")) {
				try (Browser browser = new Browser()) {
					int pushed = provider.parRequests();
					HttpResponse<String> callback = browser.login(app.url(0) + "/auth/login/test", user, app.url(0));
					assertThat(Browser.location(callback)).doesNotContain("error");
					assertThat(provider.parRequests()).isEqualTo(pushed + 1);
				}
			}
			assertThat(output.getOut().split("requires pushed authorization requests", -1))
				.as("said once, not per login")
				.hasSize(2);
			assertThat(output).contains("auth.providers.test.par is off");
		}
		finally {
			provider.requirePar(false);
		}
	}

	@Test
	void aStartTheLoginCapRefusesIsNeverPushedToTheProvider() {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.providers.test.par", "auto");
		properties.put("auth.flow.max-starts-per-client-per-minute", "2");
		properties.put("auth.redis.key-prefix", "par-capped:");
		try (AppInstances capped = AppInstances.start(1, TestApplication.class, properties);
				Browser browser = new Browser()) {
			long window = System.currentTimeMillis() / 60_000;
			List<String> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				int pushed = provider.parRequests();
				HttpResponse<String> start = browser.getJson(capped.url(0) + "/auth/login/test");
				String error = start.body().contains("\"error\":\"rate_limited\"") ? " rate_limited" : "";
				answers.add(start.statusCode() + error + ", pushed " + (provider.parRequests() - pushed));
			}
			// every refused start sent the provider nothing, however the minute fell
			assertThat(answers).as("each start admitted and pushed once, or refused and pushed never")
				.allSatisfy((answer) -> assertThat(answer).isIn("302, pushed 1", "429 rate_limited, pushed 0"));
			// the counts below hold only within one minute of the cap's window
			assumeTrue(System.currentTimeMillis() / 60_000 == window, "the cap's minute turned during the test");
			assertThat(answers.subList(0, 2)).as("the client's own allowance").containsOnly("302, pushed 1");
			assertThat(answers.subList(2, 8)).as("over the client's cap").containsOnly("429 rate_limited, pushed 0");
		}
	}

	@Test
	void requiredWithoutAParEndpointDoesNotStartAndSaysWhy() {
		try (Browser browser = new Browser()) {
			int pushed = provider.parRequests();
			HttpResponse<String> start = browser.getJson(bed.apps().url(0) + "/auth/login/other");
			assertThat(start.statusCode()).isEqualTo(502);
			assertThat(start.body()).contains("\"error\":\"par_failed\"");
			assertThat(browser.get(bed.apps().url(0) + "/auth/login/other").statusCode()).isEqualTo(502);
			assertThat(provider.parRequests()).isEqualTo(pushed);
		}
	}

}
