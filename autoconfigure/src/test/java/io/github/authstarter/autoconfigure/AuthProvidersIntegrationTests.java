package io.github.authstarter.autoconfigure;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Providers configured by issuer against a real OpenID Provider and a real Redis, with
 * the app on two instances.
 */
class AuthProvidersIntegrationTests {

	private final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private AppInstances apps;

	@AfterEach
	void stop() {
		if (this.apps != null) {
			this.apps.close();
		}
		this.provider.stop();
	}

	@Test
	void appStartsWhileTheProviderIsDownAndLoginWorksOnceItIsUp() {
		this.apps = AppInstances.start(2, TestApplication.class, appProperties());
		try (Browser browser = new Browser()) {
			String login = this.apps.url(0) + "/auth/login/test";
			HttpResponse<String> down = browser.get(login);
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(down.body()).contains("The sign-in provider Test cannot be reached")
				.as("no internal detail for anonymous visitors")
				.doesNotContain("localhost")
				.doesNotContain(this.provider.issuer())
				.doesNotContainIgnoringCase("refused")
				.doesNotContain("next attempt");
			HttpResponse<String> downJson = browser.getJson(login);
			assertThat(downJson.statusCode()).isEqualTo(503);
			assertThat(downJson.body()).contains("\"error\":\"provider_unavailable\"")
				.contains("The sign-in provider Test cannot be reached")
				.doesNotContain("localhost")
				.doesNotContainIgnoringCase("refused");

			this.provider.start();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> up = browser.get(login);
				assertThat(up.statusCode()).isEqualTo(302);
				assertThat(Browser.location(up)).startsWith(this.provider.issuer() + "/oauth2/authorize?");
			});

			HttpResponse<String> callback = browser.login(login, "alice", this.apps.url(1));
			assertThat(callback.statusCode()).isEqualTo(302);
			assertThat(browser.get(this.apps.url(1) + "/hello").body()).isEqualTo("hello alice");
			assertThat(browser.get(this.apps.url(0) + "/hello").body()).isEqualTo("hello alice");
		}
	}

	@Test
	void authorizationRequestCarriesPkceNonceAndTheProvidersStaticParameters() {
		this.provider.start();
		Map<String, Object> properties = appProperties();
		properties.put("auth.providers.test.authorization-params.prompt", "login");
		this.apps = AppInstances.start(1, TestApplication.class, properties);
		try (Browser browser = new Browser()) {
			String location = Browser.location(browser.get(this.apps.url(0) + "/auth/login/test"));
			// as the provider received it: pushed first, as it offers PAR
			assertThat(this.provider.authorizationParameters(location)).containsKeys("code_challenge", "nonce")
				.containsEntry("code_challenge_method", "S256")
				.containsEntry("prompt", "login")
				.containsEntry("client_id", TestOpenIdProvider.CLIENT_ID);
		}
	}

	@Test
	void unknownProviderAnswersNotFoundAndAnonymousPagesSendBrowsersToLogin() {
		this.provider.start();
		this.apps = AppInstances.start(1, TestApplication.class, appProperties());
		try (Browser browser = new Browser()) {
			HttpResponse<String> unknown = browser.getJson(this.apps.url(0) + "/auth/login/nope");
			assertThat(unknown.statusCode()).isEqualTo(404);
			assertThat(unknown.body()).contains("\"error\":\"unknown_provider\"");
			// a link anyone can craft shows none of its own text in the page or the
			// answer
			String spoof = "Your-account-is-locked.Call-555-0100";
			HttpResponse<String> crafted = browser.get(this.apps.url(0) + "/auth/login/" + spoof);
			assertThat(crafted.statusCode()).isEqualTo(404);
			assertThat(crafted.body()).contains("This sign-in link is not valid").doesNotContain("555-0100");
			assertThat(browser.getJson(this.apps.url(0) + "/auth/login/" + spoof).body()).doesNotContain("555-0100");
			HttpResponse<String> page = browser.get(this.apps.url(0) + "/hello");
			assertThat(page.statusCode()).isEqualTo(302);
			assertThat(Browser.location(page)).isEqualTo(this.apps.url(0) + "/auth/login/test?redirect=%2Fhello");
			assertThat(browser.getJson(this.apps.url(0) + "/hello").statusCode()).isEqualTo(401);
		}
	}

	private Map<String, Object> appProperties() {
		Map<String, Object> properties = AuthTestBed.inKeySpace(AuthProvidersIntegrationTests.class,
				new HashMap<>(TestRedis.get().properties()));
		properties.putAll(this.provider.clientProperties("test"));
		properties.put("auth.discovery.initial-backoff", "100ms");
		properties.put("auth.discovery.max-backoff", "200ms");
		properties.put("auth.http.connect-timeout", "1s");
		properties.put("auth.flow.max-starts-per-client-per-minute", "100000");
		return properties;
	}

}
