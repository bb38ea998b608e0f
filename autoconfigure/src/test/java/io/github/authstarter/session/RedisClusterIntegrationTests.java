package io.github.authstarter.session;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

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
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

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
		provider.addUser("carol", Map.of("name", "Carol Example"));
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
		try (Browser browser = new Browser()) {
			Instant loggedIn = Instant.now();
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			String sessionId = sessionId(browser);
			int master = cluster.masterOf("spring:session:sessions:" + sessionId);
			// every scenario's keys on the master that dies, never by chance: carol's
			// session (which her logout reads and deletes) and bob's flow record
			Browser carol = signedInWithKeysOn(master, "carol");
			Browser bob = new Browser();
			String bobsCallback = bob.authorize(apps.url(0) + "/auth/login/test", "bob");
			for (int tries = 0; cluster.masterOf(flowKey(bobsCallback)) != master; tries++) {
				assertThat(tries).as("a login start whose flow record lives on master %d", master).isLessThan(60);
				bob.close();
				bob = new Browser();
				bobsCallback = bob.authorize(apps.url(0) + "/auth/login/test", "bob");
			}
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
			carol.close();
			bob.close();
		}
		Failovers.assertNoServerErrorLogged(output.getAll());
	}

	private static Browser signedInWithKeysOn(int master, String user) {
		for (int tries = 0; tries < 60; tries++) {
			Browser browser = new Browser();
			browser.login(apps.url(0) + "/auth/login/test", user, apps.url(0));
			String id = sessionId(browser);
			// the session, which the logout reads and deletes; its refresh lock cannot
			// share the master (CRC16 is linear: the two keys' slots differ by a fixed
			// pattern that puts them on different masters of this cluster, every time)
			if (cluster.masterOf("spring:session:sessions:" + id) == master) {
				return browser;
			}
			browser.close();
		}
		throw new AssertionError("no session of " + user + " whose keys live on master " + master);
	}

	private static String sessionId(Browser browser) {
		return new String(Base64.getDecoder().decode(browser.cookie("SESSION")), StandardCharsets.UTF_8);
	}

	/** The flow record's key, as the starter names it: the SHA-256 of the state. */
	private static String flowKey(String callback) throws NoSuchAlgorithmException {
		String state = Browser.queryParameters(callback).get("state");
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
		return "auth:flow:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
