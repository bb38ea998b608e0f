package io.github.authstarter.provider;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real provider that rotates its keys, answers slowly and goes away, under two
 * instances.
 */
class ProviderFaultIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).properties(ProviderFaultIntegrationTests::appProperties);

	private static final Duration DISCOVERY_MAX_BACKOFF = Duration.ofSeconds(2);

	/**
	 * An instance that met the provider down in an earlier test waits out its discovery
	 * backoff before it tries again: each test starts past it, whatever ran before.
	 */
	@BeforeEach
	void startPastAnyDiscoveryBackoff() {
		bed.clock().advance(DISCOVERY_MAX_BACKOFF.plusSeconds(1));
	}

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.http.read-timeout", "1s");
		properties.put("auth.discovery.initial-backoff", "1s");
		properties.put("auth.discovery.max-backoff", DISCOVERY_MAX_BACKOFF.toSeconds() + "s");
		properties.put("auth.providers.test.apis.reports.grant", "token-exchange");
		properties.put("auth.providers.test.apis.reports.audience", "reports-api");
		properties.put("auth.providers.test.apis.reports.base-url", "http://127.0.0.1:9/reports");
		return properties;
	}

	@Test
	void theJwksIsFetchedOnceAndAgainOnlyForAKeyItHasNotSeen() {
		// each instance keeps its own keys
		login("alice", 0).close();
		login("alice", 1).close();
		int fetches = provider.jwksRequests();
		login("bob", 1).close();
		login("alice", 0).close();
		login("bob", 0).close();
		assertThat(provider.jwksRequests()).as("logins with known keys fetch nothing").isEqualTo(fetches);
		provider.rotateSigningKey();
		try (Browser browser = login("alice", 0)) {
			assertThat(browser.postWithCsrf(bed.apps().url(0) + "/auth/refresh", true).statusCode()).isEqualTo(200);
		}
		assertThat(provider.jwksRequests()).as("one fetch for the new key, on the instance that met it")
			.isEqualTo(fetches + 1);
		login("bob", 0).close();
		assertThat(provider.jwksRequests()).as("the new key is known now").isEqualTo(fetches + 1);
	}

	@Test
	void aSlowTokenEndpointEndsTheLoginWithA503WithinTheTimeout() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/test", "alice");
			provider.delayTokenEndpoint(Duration.ofSeconds(4));
			long started = System.nanoTime();
			HttpResponse<String> answer;
			try {
				answer = browser.getJson(callback);
			}
			finally {
				provider.delayTokenEndpoint(Duration.ZERO);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
			assertThat(answer.statusCode()).isEqualTo(503);
			// a 503 says when to come back, as every other 503 of the starter does (the
			// chaos soak found this one without)
			assertThat(answer.headers().firstValue("Retry-After")).isPresent();
			assertThat(answer.body()).contains("provider_unavailable").contains("The sign-in provider Test");
			assertThat(browser.cookie("SESSION")).isNull();
		}
	}

	@Test
	void aProviderDownDuringARefreshLeavesTheValidTokensInUse() {
		try (Browser browser = login("alice", 0)) {
			String token = browser.get(bed.apps().url(1) + "/api/token").body();
			provider.stop();
			try {
				HttpResponse<String> refresh = browser.postWithCsrf(bed.apps().url(1) + "/auth/refresh", true);
				assertThat(refresh.statusCode()).isEqualTo(503);
				assertThat(refresh.body()).contains("provider_unavailable");
				assertThat(browser.get(bed.apps().url(0) + "/api/token").body()).isEqualTo(token);
				assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(200);
			}
			finally {
				provider.start();
			}
			assertThat(browser.postWithCsrf(bed.apps().url(0) + "/auth/refresh", true).statusCode()).isEqualTo(200);
		}
	}

	/**
	 * An instance that has never met the provider has no registration to fall back on:
	 * every path that needs one must still answer 503 (with {@code Retry-After}) and
	 * leave the tokens as they are, never a 500.
	 */
	@Test
	void everyPathOnAnInstanceThatNeverMetTheProviderWhileItIsDownAnswers503() {
		provider.addUser("ursula", Map.of("name", "Ursula Example"));
		try (Browser browser = login("ursula", 0)) {
			String token = browser.get(bed.apps().url(0) + "/api/token").body();
			Map<String, Object> onRequest = bed.properties();
			// every request on this instance finds the access token expiring
			onRequest.put("auth.refresh.skew", "1h");
			// so that it meets the provider soon after it is back
			onRequest.put("auth.discovery.initial-backoff", "100ms");
			onRequest.put("auth.discovery.max-backoff", "200ms");
			try (AppInstances fresh = AppInstances.start(1, TestApplication.class, onRequest)) {
				String url = fresh.url(0);
				provider.stop();
				try {
					HttpResponse<String> refresh = browser.postWithCsrf(url + "/auth/refresh", true);
					assertThat(refresh.statusCode()).as("POST /auth/refresh").isEqualTo(503);
					assertThat(refresh.headers().firstValue("Retry-After")).isPresent();
					assertThat(refresh.body()).contains("provider_unavailable");
					HttpResponse<String> onRequestRefresh = browser.get(url + "/api/token");
					assertThat(onRequestRefresh.statusCode()).as("a request whose refresh on request fails")
						.isEqualTo(200);
					assertThat(onRequestRefresh.body()).isEqualTo(token);
					assertUnavailable(browser.getJson(url + "/api/apis/reports/token"), "an API's token");
					assertUnavailable(browser.getJson(url + "/api/registered-client"), "Spring's authorized client");
					assertUnavailable(browser.getJson(url + "/api/userinfo-spring"), "Spring's interceptor");
					assertUnavailable(browser.getJson(url + "/api/authorized-client-tokens"),
							"Spring's authorized-client repository");
					try (Browser op = new Browser()) {
						Map<String, Object> claims = provider.logoutTokenClaims();
						claims.put("sub", "ursula");
						HttpResponse<String> backChannel = op.postForm(url + "/auth/backchannel-logout/test",
								Map.of("logout_token", provider.signLogoutToken(claims)));
						assertThat(backChannel.statusCode()).as("back-channel logout").isBetween(400, 503);
						assertThat(backChannel.statusCode()).isNotEqualTo(500);
					}
					assertThat(browser.get(url + "/auth/frontchannel-logout/test?iss=x&sid=y").statusCode())
						.as("front-channel logout")
						.isNotEqualTo(500);
					assertThat(browser.get(bed.apps().url(0) + "/api/token").body()).isEqualTo(token);
				}
				finally {
					provider.start();
				}
				awaitRefresh(browser, url);
			}
		}
	}

	private static void awaitRefresh(Browser browser, String url) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		int status;
		do {
			status = browser.postWithCsrf(url + "/auth/refresh", true).statusCode();
		}
		while (status == 503 && System.nanoTime() < deadline);
		assertThat(status).as("a refresh once the provider is back").isEqualTo(200);
	}

	private static void assertUnavailable(HttpResponse<String> answer, String path) {
		assertThat(answer.statusCode()).as(path).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).as(path).isPresent();
		assertThat(answer.body()).as(path).contains("provider_unavailable");
	}

	private static Browser login(String user, int instance) {
		Browser browser = new Browser();
		HttpResponse<String> callback = browser.login(bed.apps().url(instance) + "/auth/login/test", user,
				bed.apps().url(instance));
		assertThat(Browser.location(callback)).isEqualTo(bed.apps().url(instance) + "/");
		return browser;
	}

}
