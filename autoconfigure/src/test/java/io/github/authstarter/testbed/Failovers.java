package io.github.authstarter.testbed;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Redis failover tests check while and after a master dies under a signed-in
 * user: answers are 200 or 503, never anything else; the session comes back on every
 * instance; refresh is still single-flight.
 */
public final class Failovers {

	private Failovers() {
	}

	/**
	 * Two instances of the test application on a Redis topology (Cluster, Sentinel), with
	 * refresh skew short enough for tokens of a few seconds.
	 * @param provider the started provider
	 * @param redis the properties that point at the topology
	 * @return the running instances
	 */
	public static AppInstances startApps(TestOpenIdProvider provider, Map<String, Object> redis) {
		Map<String, Object> properties = provider.appProperties();
		properties.remove("spring.data.redis.url");
		properties.putAll(redis);
		properties.put("auth.refresh.skew", "500ms");
		return AppInstances.start(2, TestApplication.class, properties);
	}

	/**
	 * Stops what a failover test started, in order, whatever of it started.
	 * @param apps the instances, or {@code null}
	 * @param redis the topology, or {@code null}
	 * @param provider the provider
	 */
	public static void stopAll(@Nullable AppInstances apps, @Nullable AutoCloseable redis, TestOpenIdProvider provider)
			throws Exception {
		if (apps != null) {
			apps.close();
		}
		if (redis != null) {
			redis.close();
		}
		provider.stop();
	}

	/**
	 * Asks both instances for the user, alternately, until four answers in a row are the
	 * signed-in user, failing on any answer other than 200 or 503. Prints what it saw.
	 * @param browser the signed-in browser
	 * @param apps the instances
	 * @param subject the signed-in user
	 * @param since when the master was stopped
	 * @param what names the failover in the printed line
	 */
	public static void awaitSignedInAgain(Browser browser, AppInstances apps, String subject, Instant since,
			String what) throws InterruptedException {
		List<Integer> statuses = new ArrayList<>();
		int consecutiveOk = 0;
		Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
		for (int i = 0; consecutiveOk < 4 && Instant.now().isBefore(deadline); i++) {
			HttpResponse<String> answer = browser.getJson(apps.url(i % apps.size()) + "/auth/user");
			statuses.add(answer.statusCode());
			assertThat(answer.statusCode()).as("every answer during the failover, so far: %s", statuses).isIn(200, 503);
			consecutiveOk = (answer.statusCode() == 200) ? consecutiveOk + 1 : 0;
			if (answer.statusCode() == 200) {
				assertThat(answer.body()).contains("\"subject\":\"" + subject + "\"");
			}
			else {
				Thread.sleep(250);
			}
		}
		// the figures of the failover, for the log
		System.out.println("Answers while " + what + " failed over: " + statuses + ", recovered after "
				+ Duration.between(since, Instant.now()).toMillis() + " ms");
		assertThat(consecutiveOk).as("recovered on every instance; answers: %s", statuses).isGreaterThanOrEqualTo(4);
	}

	/**
	 * Checks that a logout sent while Redis failed over was whole: answered 200 and
	 * signed out on every instance, or answered 503 and still signed in on every
	 * instance, after which the retried logout works everywhere.
	 * @param browser the browser that sent the logout
	 * @param apps the instances
	 * @param answered the status the logout was answered with
	 */
	public static void assertLogoutWasWhole(Browser browser, AppInstances apps, int answered) {
		assertThat(answered).as("a logout during the failover").isIn(200, 503);
		int expected = (answered == 200) ? 401 : 200;
		for (int i = 0; i < apps.size(); i++) {
			assertThat(browser.getJson(apps.url(i) + "/auth/user").statusCode())
				.as("after a logout answered %d, instance %d", answered, i)
				.isEqualTo(expected);
		}
		if (answered == 503) {
			assertThat(browser.postWithCsrf(apps.url(0) + "/auth/logout", true).statusCode()).isEqualTo(200);
			for (int i = 0; i < apps.size(); i++) {
				assertThat(browser.getJson(apps.url(i) + "/auth/user").statusCode()).isEqualTo(401);
			}
		}
	}

	/**
	 * Completes, on the other instance, a login whose provider redirect was issued before
	 * the failover: Redis kept the flow record, so the user lands signed in.
	 * @param browser the browser of the login
	 * @param callback the provider's redirect back, issued before the failover
	 * @param apps the instances
	 * @param subject the user
	 */
	public static void assertLoginStartedBeforeCompletes(Browser browser, String callback, AppInstances apps,
			String subject) {
		HttpResponse<String> landed = browser.get(Browser.onInstance(callback, apps.url(1)));
		assertThat(Browser.location(landed)).as("the callback of a login started before the failover")
			.isEqualTo(apps.url(1) + "/");
		assertThat(browser.getJson(apps.url(0) + "/auth/user").body()).contains("\"subject\":\"" + subject + "\"");
	}

	/**
	 * Checks the applications' log for any request that ended in a 500: Tomcat logs each
	 * exception that escapes the filter chain.
	 * @param log what the test's applications logged
	 */
	public static void assertNoServerErrorLogged(CharSequence log) {
		assertThat(log.toString()).as("the log of the failover").doesNotContain("threw exception");
	}

	/**
	 * Sends concurrent requests that need a fresh access token to both instances once the
	 * token has expired, and checks that the provider saw exactly one refresh grant and
	 * every request got a token.
	 * @param browser the signed-in browser
	 * @param apps the instances
	 * @param provider the provider
	 * @param expiresAt when the user's access token expires
	 */
	public static void assertSingleFlightRefresh(Browser browser, AppInstances apps, TestOpenIdProvider provider,
			Instant expiresAt) throws Exception {
		Duration wait = Duration.between(Instant.now(), expiresAt.plusMillis(500));
		if (!wait.isNegative()) {
			Thread.sleep(wait.toMillis());
		}
		int grants = provider.refreshGrants();
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				String url = apps.url(i % apps.size()) + "/api/token";
				answers.add(pool.submit(() -> browser.get(url)));
			}
			for (Future<HttpResponse<String>> answer : answers) {
				assertThat(answer.get().statusCode()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(provider.refreshGrants()).as("refresh grants for 20 concurrent requests").isEqualTo(grants + 1);
	}

}
