package io.github.authstarter.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AppInstances;
import io.github.authstarter.testbed.Browser;
import io.github.authstarter.testbed.StoredSessions;
import io.github.authstarter.testbed.TestApplication;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side refresh against a real OpenID Provider with refresh-token rotation and
 * short-lived access tokens, on two instances sharing one real Redis.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenRefreshIntegrationTests {

	private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(3);

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
		.reuseRefreshTokens(false);

	private static AppInstances apps;

	private static StoredSessions sessions;

	@BeforeAll
	static void start() {
		provider.start();
		apps = AppInstances.start(2, TestApplication.class, appProperties());
		sessions = new StoredSessions();
	}

	@AfterAll
	static void stop() {
		sessions.close();
		apps.close();
		provider.stop();
	}

	@Test
	void expiredTokenIsRefreshedTransparentlyAndClaimsFollowTheProvider() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "bob", apps.url(1));
			String first = browser.get(apps.url(0) + "/api/token").getContentAsString();
			provider.setClaim("bob", "name", "Bob Renamed");
			int grants = provider.refreshGrants();
			Thread.sleep(ACCESS_TOKEN_LIFETIME.plusMillis(500).toMillis());
			WebResponse second = browser.get(apps.url(1) + "/api/token");
			assertThat(second.getStatusCode()).isEqualTo(200);
			assertThat(second.getContentAsString()).isNotEqualTo(first);
			assertThat(provider.refreshGrants() - grants).isEqualTo(1);
			String user = browser.getJson(apps.url(0) + "/auth/user").getContentAsString();
			assertThat(user).contains("\"name\":\"Bob Renamed\"").contains("\"subject\":\"bob\"");
		}
		finally {
			provider.setClaim("bob", "name", "Bob Example");
		}
	}

	@Test
	void burstAfterExpiryOnTwoInstancesSendsExactlyOneRefreshGrant() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(0));
			String session = browser.cookie("SESSION");
			Thread.sleep(ACCESS_TOKEN_LIFETIME.plusMillis(500).toMillis());
			int grants = provider.refreshGrants();
			long refreshedEvents = refreshedEvents();
			HttpClient client = HttpClient.newHttpClient();
			ExecutorService executor = Executors.newFixedThreadPool(50);
			try {
				List<Future<HttpResponse<String>>> answers = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					HttpRequest request = HttpRequest.newBuilder(URI.create(apps.url(i % 2) + "/api/token"))
						.header("Cookie", "SESSION=" + session)
						.header("Accept", "application/json")
						.timeout(Duration.ofSeconds(30))
						.build();
					answers.add(executor.submit(() -> client.send(request, HttpResponse.BodyHandlers.ofString())));
				}
				List<String> tokens = new ArrayList<>();
				for (Future<HttpResponse<String>> answer : answers) {
					HttpResponse<String> response = answer.get();
					assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
					tokens.add(response.body());
				}
				assertThat(provider.refreshGrants() - grants).isEqualTo(1);
				assertThat(tokens).as("every request uses the one refreshed token").containsOnly(tokens.get(0));
				assertThat(refreshedEvents() - refreshedEvents).as("grants run across both instances").isEqualTo(1);
			}
			finally {
				executor.shutdownNow();
			}
			// the token family is intact: a forced refresh still succeeds
			assertThat(postRefresh(browser, apps.url(1)).getStatusCode()).isEqualTo(200);
			assertThat(provider.refreshGrants() - grants).isEqualTo(2);
		}
	}

	@Test
	void apiCalledWithTheUsersTokenGetsAFreshOneAfterExpiry() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			assertThat(browser.get(apps.url(1) + "/api/userinfo").getContentAsString()).contains("\"sub\":\"alice\"");
			int grants = provider.refreshGrants();
			Thread.sleep(ACCESS_TOKEN_LIFETIME.plusMillis(500).toMillis());
			WebResponse afterExpiry = browser.get(apps.url(0) + "/api/userinfo");
			assertThat(afterExpiry.getStatusCode()).isEqualTo(200);
			assertThat(afterExpiry.getContentAsString()).contains("\"email\":\"alice@example.com\"");
			assertThat(provider.refreshGrants() - grants).isEqualTo(1);
		}
	}

	@Test
	void refreshRacingARotationDoneElsewhereUsesTheNewerTokens() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(0));
			SessionUser before = sessions.user(browser);
			Thread.sleep(ACCESS_TOKEN_LIFETIME.plusMillis(500).toMillis());
			String lock = "auth:refresh-lock:" + sessions.id(browser);
			sessions.redis().set(lock, "another-instance", io.lettuce.core.SetArgs.Builder.px(10_000));
			int grants = provider.refreshGrants();
			HttpRequest request = HttpRequest.newBuilder(URI.create(apps.url(1) + "/api/token"))
				.header("Cookie", "SESSION=" + browser.cookie("SESSION"))
				.timeout(Duration.ofSeconds(30))
				.build();
			java.util.concurrent.CompletableFuture<HttpResponse<String>> waiting = HttpClient.newHttpClient()
				.sendAsync(request, HttpResponse.BodyHandlers.ofString());
			Thread.sleep(300);
			assertThat(waiting).as("waits while another instance holds the lock").isNotDone();
			Map<String, Object> rotated = grantElsewhere(before.refreshToken().getTokenValue());
			java.time.Instant now = java.time.Instant.now();
			sessions.write(browser,
					before.refreshed(
							new org.springframework.security.oauth2.core.OAuth2AccessToken(
									org.springframework.security.oauth2.core.OAuth2AccessToken.TokenType.BEARER,
									(String) rotated.get("access_token"), now,
									now.plusSeconds(((Number) rotated.get("expires_in")).longValue())),
							new org.springframework.security.oauth2.core.OAuth2RefreshToken(
									(String) rotated.get("refresh_token"), now),
							before.idToken(), before.userInfo(), before.attributes()));
			sessions.redis().del(lock);
			HttpResponse<String> answer = waiting.get();
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo(rotated.get("access_token"));
			assertThat(provider.refreshGrants() - grants).as("only the other instance's grant").isEqualTo(1);
			assertThat(browser.get(apps.url(0) + "/api/token").getContentAsString())
				.isEqualTo(rotated.get("access_token"));
		}
	}

	@Test
	void refreshEndpointNeedsCsrfAndReturnsNewTokens() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(0));
			String before = browser.get(apps.url(0) + "/api/token").getContentAsString();
			WebRequest withoutCsrf = new WebRequest(URI.create(apps.url(0) + "/auth/refresh").toURL(), HttpMethod.POST);
			withoutCsrf.setAdditionalHeader("Accept", "application/json");
			assertThat(browser.client().getPage(withoutCsrf).getWebResponse().getStatusCode()).isEqualTo(403);
			assertThat(browser.get(apps.url(0) + "/api/token").getContentAsString()).isEqualTo(before);
			WebResponse refreshed = postRefresh(browser, apps.url(1));
			assertThat(refreshed.getStatusCode()).isEqualTo(200);
			assertThat(refreshed.getContentAsString()).contains("\"authenticated\":true")
				.contains("\"accessTokenExpiresAt\"");
			assertThat(browser.get(apps.url(0) + "/api/token").getContentAsString()).isNotEqualTo(before);
		}
	}

	@Test
	void refreshTokenRefusedByTheProviderEndsTheSessionCleanly() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			// a provider whose store was wiped has forgotten every token it issued
			provider.forgetIssuedTokens();
			provider.stop();
			provider.start();
			Thread.sleep(ACCESS_TOKEN_LIFETIME.plusMillis(500).toMillis());
			WebResponse api = browser.getJson(apps.url(1) + "/api/token");
			assertThat(api.getStatusCode()).isEqualTo(401);
			assertThat(api.getContentAsString()).contains("\"error\":\"reauthentication_required\"");
			assertThat(browser.getJson(apps.url(0) + "/auth/user").getStatusCode()).isEqualTo(401);
			WebResponse page = browser.get(apps.url(0) + "/hello");
			assertThat(page.getStatusCode()).isEqualTo(302);
		}
	}

	@Test
	void refreshTokenNeverLeavesTheServerWithoutOptIn(CapturedOutput output) throws Exception {
		try (Browser browser = new Browser()) {
			List<String> seen = new ArrayList<>();
			WebResponse callback = browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(0));
			seen.add(callback.getResponseHeaders().toString() + callback.getContentAsString());
			for (WebResponse response : List.of(browser.getJson(apps.url(0) + "/auth/user"),
					browser.get(apps.url(1) + "/api/token"), postRefresh(browser, apps.url(0)),
					browser.getJson(apps.url(1) + "/auth/user"))) {
				seen.add(response.getResponseHeaders().toString() + response.getContentAsString());
			}
			String refreshToken = sessions.user(browser).refreshToken().getTokenValue();
			assertThat(refreshToken).isNotBlank();
			assertThat(seen).noneMatch((text) -> text.contains(refreshToken));
			assertThat(output.getAll()).doesNotContain(refreshToken);
		}
	}

	@Test
	void onRequestRefreshKeepsClaimsCurrentForPagesThatNeverTouchTokens() throws Exception {
		Map<String, Object> properties = appProperties();
		properties.put("auth.refresh.on-request", "true");
		try (AppInstances eager = AppInstances.start(1, TestApplication.class, properties);
				Browser browser = new Browser()) {
			browser.login(eager.url(0) + "/auth/login/test", "bob", eager.url(0));
			provider.setClaim("bob", "email", "bob@new.example.com");
			int grants = provider.refreshGrants();
			Thread.sleep(ACCESS_TOKEN_LIFETIME.plusMillis(500).toMillis());
			assertThat(browser.get(eager.url(0) + "/hello").getContentAsString()).isEqualTo("hello bob");
			assertThat(provider.refreshGrants() - grants).isEqualTo(1);
			assertThat(browser.getJson(eager.url(0) + "/auth/user").getContentAsString())
				.contains("\"email\":\"bob@new.example.com\"");
		}
		finally {
			provider.setClaim("bob", "email", "bob@example.com");
		}
	}

	@Test
	void refreshTokenIsShownWhenExposed() throws Exception {
		Map<String, Object> properties = appProperties();
		properties.put("auth.providers.test.expose-tokens", "id,access,refresh");
		try (AppInstances exposing = AppInstances.start(1, TestApplication.class, properties);
				Browser browser = new Browser()) {
			browser.login(exposing.url(0) + "/auth/login/test", "alice", exposing.url(0));
			String json = browser.getJson(exposing.url(0) + "/auth/user").getContentAsString();
			String refreshToken = sessions.user(browser).refreshToken().getTokenValue();
			assertThat(json).contains("\"refreshToken\":\"" + refreshToken + "\"")
				.contains("\"idToken\":")
				.contains("\"accessToken\":");
		}
	}

	private static long refreshedEvents() {
		long count = 0;
		for (int i = 0; i < apps.size(); i++) {
			count += apps.context(i)
				.getBean(io.github.authstarter.testbed.RecordedEvents.class)
				.of(io.github.authstarter.event.TokensRefreshedEvent.class)
				.stream()
				.filter((event) -> event.outcome().equals("refreshed"))
				.count();
		}
		return count;
	}

	private static Map<String, Object> grantElsewhere(String refreshToken) throws Exception {
		HttpResponse<String> grant = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/oauth2/token"))
				.header("Authorization",
						"Basic " + java.util.Base64.getEncoder()
							.encodeToString((TestOpenIdProvider.CLIENT_ID + ":" + TestOpenIdProvider.CLIENT_SECRET)
								.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + refreshToken))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
		return com.nimbusds.jose.util.JSONObjectUtils.parse(grant.body());
	}

	private static WebResponse postRefresh(Browser browser, String baseUrl) throws Exception {
		WebRequest request = new WebRequest(URI.create(baseUrl + "/auth/refresh").toURL(), HttpMethod.POST);
		request.setAdditionalHeader("Accept", "application/json");
		request.setAdditionalHeader("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
		return browser.client().getPage(request).getWebResponse();
	}

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.refresh.skew", "500ms");
		return properties;
	}

}
