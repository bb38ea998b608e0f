package io.github.authstarter.session;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedisCluster;
import io.github.authstarter.testbed.Failovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole life of a session on a Redis Cluster of three masters with a replica each,
 * across two instances: every key the starter writes is a single-key operation, so
 * nothing crosses slots. Then a master dies under a signed-in user with Boot's default
 * Lettuce settings: the replica is promoted, and the instances follow it by themselves
 * (the starter's topology refresh). Meanwhile every answer is 200 or 503, never 500;
 * afterwards the session is still there, and a logout on one instance is seen on the
 * other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class RedisClusterIntegrationTests {

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(4);

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.accessTokenTimeToLive(TOKEN_LIFETIME);

	private static TestRedisCluster cluster;

	private static AppInstances apps;

	@BeforeAll
	static void start() {
		provider.addUser("carol", java.util.Map.of("name", "Carol Example"));
		provider.start();
		cluster = TestRedisCluster.startWithReplicas();
		apps = Failovers.startApps(provider, cluster.properties());
	}

	@AfterAll
	static void stop() throws Exception {
		Failovers.stopAll(apps, cluster, provider);
	}

	@Test
	@Order(1)
	void loginRefreshAndLogoutAcrossInstancesOnACluster() throws Exception {
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			assertThat(Browser.location(callback)).isEqualTo(apps.url(1) + "/");
			String before = browser.get(apps.url(0) + "/api/token").body();
			int grants = provider.refreshGrants();
			assertThat(browser.postWithCsrf(apps.url(1) + "/auth/refresh", true).statusCode()).isEqualTo(200);
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			assertThat(browser.get(apps.url(0) + "/api/token").body()).isNotEqualTo(before);
			assertThat(browser.getJson(apps.url(0) + "/auth/user").body()).contains("\"subject\":\"alice\"");
			browser.postWithCsrf(apps.url(0) + "/auth/logout", true);
			assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	@Test
	@Order(2)
	void theInstancesFollowAFailoverWithoutA500AndTheSessionSurvives(CapturedOutput output) throws Exception {
		try (Browser browser = new Browser(); Browser bob = new Browser(); Browser carol = new Browser()) {
			Instant loggedIn = Instant.now();
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			carol.login(apps.url(0) + "/auth/login/test", "carol", apps.url(0));
			String bobsCallback = bob.authorize(apps.url(0) + "/auth/login/test", "bob");
			String sessionId = new String(Base64.getDecoder().decode(browser.cookie("SESSION")),
					StandardCharsets.UTF_8);
			int master = cluster.masterOf("spring:session:sessions:" + sessionId);
			cluster.awaitReplicated(master);
			cluster.stopMaster(master);
			Instant stopped = Instant.now();
			int carolsLogout = carol.postWithCsrf(apps.url(0) + "/auth/logout", true).statusCode();
			Failovers.awaitSignedInAgain(browser, apps, "alice", stopped, "cluster master " + master);
			Failovers.assertLogoutWasWhole(carol, apps, carolsLogout);
			Failovers.assertLoginStartedBeforeCompletes(bob, bobsCallback, apps, "bob");
			cluster.awaitFailover(master, Duration.ofSeconds(10));
			Failovers.assertSingleFlightRefresh(browser, apps, provider, loggedIn.plus(TOKEN_LIFETIME));
			assertThat(browser.postWithCsrf(apps.url(0) + "/auth/logout", true).statusCode()).isEqualTo(200);
			assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
		}
		Failovers.assertNoServerErrorLogged(output.getAll());
	}

}
