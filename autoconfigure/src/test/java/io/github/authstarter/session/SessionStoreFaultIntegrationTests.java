package io.github.authstarter.session;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.authstarter.test.server.RestartableRedis;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis going away and coming back under two running instances: a clear 503 for every
 * request that needs it (never a 500), recovery without a restart, sessions and started
 * logins that Redis kept still valid afterwards.
 */
class SessionStoreFaultIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private static RestartableRedis redis;

	private static AppInstances apps;

	@BeforeAll
	static void start() {
		provider.start();
		redis = RestartableRedis.start();
		Map<String, Object> properties = provider.appProperties();
		properties.putAll(redis.properties());
		apps = AppInstances.start(2, TestApplication.class, properties);
	}

	@AfterAll
	static void stop() {
		apps.close();
		redis.close();
		provider.stop();
	}

	@Test
	void anOutageAnswers503AndEverythingRedisKeptWorksAfterIt() throws Exception {
		try (Browser alice = new Browser(); Browser bob = new Browser(); Browser newcomer = new Browser()) {
			alice.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			String token = alice.get(apps.url(1) + "/api/token").body();
			String bobsCallback = bob.authorize(apps.url(0) + "/auth/login/test", "bob");
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
			}
			finally {
				redis.startAgain();
			}
			awaitOk(alice, apps.url(0) + "/auth/user");
			assertThat(alice.get(apps.url(1) + "/api/token").body()).isEqualTo(token);
			// the login started before the outage, its callback refused during it, can
			// still complete: the flow record survived and was not consumed
			HttpResponse<String> callback = bob.get(Browser.onInstance(bobsCallback, apps.url(1)));
			assertThat(Browser.location(callback)).isEqualTo(apps.url(1) + "/");
			assertThat(bob.getJson(apps.url(0) + "/auth/user").body()).contains("\"subject\":\"bob\"");
			assertThat(Browser.location(newcomer.get(apps.url(0) + "/auth/login/test"))).startsWith(provider.issuer());
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
