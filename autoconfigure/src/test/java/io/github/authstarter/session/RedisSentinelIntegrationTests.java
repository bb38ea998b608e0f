package io.github.authstarter.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedisSentinel;
import io.github.authstarter.testbed.Failovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Redis behind Sentinel (one master, one replica, three sentinels), two instances with
 * Boot's default Lettuce settings, and the master killed under a signed-in user: Lettuce
 * asks the sentinels for the new master and the instances follow; every answer meanwhile
 * is 200 or 503, never 500; the session survives, refresh stays single-flight, and a
 * logout on one instance is seen on the other. Needs a real {@code redis-server}:
 * required when {@code CI=true} ({@code .ci/run} installs it), skipped with a banner
 * elsewhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisSentinelIntegrationTests {

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(4);

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.accessTokenTimeToLive(TOKEN_LIFETIME);

	private static TestRedisSentinel sentinel;

	private static AppInstances apps;

	@BeforeAll
	static void start() {
		boolean available = TestRedisSentinel.executable() != null;
		if (!available && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true but redis-server is missing from PATH; .ci/run installs it");
		}
		if (!available) {
			System.out.println("*** RedisSentinelIntegrationTests skipped: no redis-server on the PATH ***");
		}
		assumeTrue(available, "no redis-server on the PATH");
		provider.addUser("carol", Map.of("name", "Carol Example"));
		provider.start();
		sentinel = TestRedisSentinel.start();
		apps = Failovers.startApps(provider, sentinel.properties());
	}

	@AfterAll
	static void stop() throws Exception {
		Failovers.stopAll(apps, sentinel, provider);
	}

	@Test
	void theInstancesFollowTheSentinelsToTheNewMasterAndTheSessionSurvives(CapturedOutput output) throws Exception {
		try (Browser browser = new Browser(); Browser bob = new Browser(); Browser carol = new Browser()) {
			Instant loggedIn = Instant.now();
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			carol.login(apps.url(0) + "/auth/login/test", "carol", apps.url(0));
			String bobsCallback = bob.authorize(apps.url(0) + "/auth/login/test", "bob");
			assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(200);
			sentinel.awaitReplicated();
			sentinel.stopMaster();
			Instant stopped = Instant.now();
			int carolsLogout = carol.postWithCsrf(apps.url(0) + "/auth/logout", true).statusCode();
			Failovers.awaitSignedInAgain(browser, apps, "alice", stopped, "the Sentinel master");
			Failovers.assertLogoutWasWhole(carol, apps, carolsLogout);
			Failovers.assertLoginStartedBeforeCompletes(bob, bobsCallback, apps, "bob");
			sentinel.awaitFailover(Duration.ofSeconds(10));
			Failovers.assertSingleFlightRefresh(browser, apps, provider, loggedIn.plus(TOKEN_LIFETIME));
			assertThat(browser.postWithCsrf(apps.url(0) + "/auth/logout", true).statusCode()).isEqualTo(200);
			assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
		}
		Failovers.assertNoServerErrorLogged(output.getAll());
	}

}
