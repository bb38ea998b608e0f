package io.github.authstarter.session;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.RestartableRedis;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis going away and coming back under two running instances: a clear 503 for every
 * request that needs it (never a 500), wherever Redis is touched (session load, login
 * start and its limiter, callback and flow store, refresh and its lock, logout, the
 * back-channel logout's replay store and index, health), recovery without a restart,
 * sessions and started logins that Redis kept still valid afterwards, and nothing
 * half-done by the requests that were refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionStoreFaultIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private static RestartableRedis redis;

	private static AppInstances apps;

	@BeforeAll
	static void start() {
		provider.addUser("carol", Map.of("name", "Carol Example"));
		provider.start();
		redis = RestartableRedis.start();
		Map<String, Object> properties = provider.appProperties();
		properties.putAll(redis.properties());
		properties.put("management.endpoints.web.exposure.include", "health");
		// each refused request waits out the command timeout, and the recovery the
		// driver's reconnect delay: short ones prove the same in seconds
		properties.put("spring.data.redis.timeout", "500ms");
		properties.put("spring.data.redis.connect-timeout", "500ms");
		properties.put("test.redis.reconnect-delay", "200ms");
		apps = AppInstances.start(2, TestApplication.class, properties);
	}

	@AfterAll
	static void stop() {
		apps.close();
		redis.close();
		provider.stop();
	}

	@Test
	void anOutageAnswers503AndEverythingRedisKeptWorksAfterIt(CapturedOutput output) throws Exception {
		try (Browser alice = new Browser();
				Browser bob = new Browser();
				Browser newcomer = new Browser();
				Browser carol = new Browser()) {
			alice.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			String token = alice.get(apps.url(1) + "/api/token").body();
			String bobsCallback = bob.authorize(apps.url(0) + "/auth/login/test", "bob");
			carol.login(apps.url(0) + "/auth/login/test", "carol", apps.url(0));
			Map<String, Object> logoutClaims = provider.logoutTokenClaims();
			logoutClaims.put("sub", "carol");
			String carolsLogoutToken = provider.signLogoutToken(logoutClaims);
			redis.stop();
			try {
				HttpResponse<String> json = alice.getJson(apps.url(0) + "/auth/user");
				assertThat(json.statusCode()).isEqualTo(503);
				assertThat(json.body()).contains("\"error\":\"session_store_unavailable\"");
				assertThat(json.headers().firstValue("Retry-After")).hasValue("5");
				HttpResponse<String> page = alice.get(apps.url(1) + "/hello");
				assertThat(page.statusCode()).isEqualTo(503);
				assertThat(Browser.mediaType(page)).isEqualTo("text/html");
				assertThat(newcomer.get(apps.url(0) + "/auth/login/test").statusCode()).isEqualTo(503);
				assertThat(bob.get(bobsCallback).statusCode()).isEqualTo(503);
				assertThat(alice.postWithCsrf(apps.url(0) + "/auth/refresh", true).statusCode()).isEqualTo(503);
				assertThat(alice.postWithCsrf(apps.url(1) + "/auth/logout", true).statusCode()).isEqualTo(503);
				HttpResponse<String> backChannel = backChannelLogout(carolsLogoutToken);
				assertThat(backChannel.statusCode()).isEqualTo(503);
				assertThat(backChannel.headers().firstValue("Retry-After")).as("the provider may retry").hasValue("5");
				HttpResponse<String> health = newcomer.getJson(apps.url(0) + "/actuator/health");
				assertThat(health.statusCode()).isEqualTo(503);
				assertThat(health.body()).contains("\"status\":\"DOWN\"");
			}
			finally {
				redis.startAgain();
			}
			awaitOk(alice, apps.url(0) + "/auth/user");
			// the refused logout did nothing: still signed in, on both instances
			assertThat(alice.get(apps.url(1) + "/api/token").body()).isEqualTo(token);
			assertThat(alice.getJson(apps.url(0) + "/auth/user").statusCode()).isEqualTo(200);
			// the refused back-channel logout was not recorded as seen: the provider's
			// retry is accepted and ends the session everywhere
			assertThat(carol.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(200);
			assertThat(backChannelLogout(carolsLogoutToken).statusCode()).isEqualTo(200);
			assertThat(carol.getJson(apps.url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(carol.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
			// the login started before the outage, its callback refused during it, can
			// still complete: the flow record survived and was not consumed
			HttpResponse<String> callback = bob.get(Browser.onInstance(bobsCallback, apps.url(1)));
			assertThat(Browser.location(callback)).isEqualTo(apps.url(1) + "/");
			assertThat(bob.getJson(apps.url(0) + "/auth/user").body()).contains("\"subject\":\"bob\"");
			assertThat(Browser.location(newcomer.get(apps.url(0) + "/auth/login/test"))).startsWith(provider.issuer());
			assertThat(newcomer.getJson(apps.url(1) + "/actuator/health").statusCode()).isEqualTo(200);
		}
		// no Redis failure escaped as a 500 anywhere (Tomcat logs every one it sees)
		assertThat(output.getAll()).doesNotContain("threw exception").doesNotContain("Unhandled exception");
	}

	private static HttpResponse<String> backChannelLogout(String logoutToken) {
		try (Browser provider = new Browser()) {
			return provider.postForm(apps.url(1) + "/auth/backchannel-logout/test",
					Map.of("logout_token", logoutToken));
		}
	}

	private static void awaitOk(Browser browser, String url) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
		int status = 0;
		while (Instant.now().isBefore(deadline)) {
			status = browser.getJson(url).statusCode();
			if (status == 200) {
				return;
			}
			assertThat(status).as("while Redis reconnects").isEqualTo(503);
			Thread.sleep(250);
		}
		assertThat(status).as("after Redis came back").isEqualTo(200);
	}

}
