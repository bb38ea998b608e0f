package io.github.authstarter.session.redis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.RestartableRedis;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.RedisCommandCounts;
import io.github.authstarter.testbed.TestApplication;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances with {@code auth.session.client-cache.enabled=true} on a Redis of their
 * own (so its command counts are theirs alone): an unchanged signed-in request reads
 * nothing from Redis (only the read barrier's shared {@code PING}); every way a session
 * ends on one instance (logout, sign-out-everywhere, back-channel logout) is seen by the
 * very next request on the other, round after round, while other users' requests keep
 * both instances busy; a refresh stays single-flight; Redis going away and coming back
 * leaves nothing stale.
 */
class SessionClientCacheIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private static RestartableRedis redis;

	private static AppInstances apps;

	private static RedisClient client;

	private static RedisCommands<String, String> commands;

	private static RedisCommandCounts counts;

	@BeforeAll
	static void start() {
		provider.start();
		redis = RestartableRedis.start();
		Map<String, Object> properties = provider.appProperties();
		properties.putAll(redis.properties());
		properties.put("auth.session.client-cache.enabled", "true");
		apps = AppInstances.start(2, TestApplication.class, properties);
		client = RedisClient.create(redis.url());
		StatefulRedisConnection<String, String> connection = client.connect();
		commands = connection.sync();
		counts = new RedisCommandCounts(commands);
	}

	@AfterAll
	static void stop() {
		client.shutdown();
		apps.close();
		redis.close();
		provider.stop();
	}

	@Test
	void aSessionWithAnUnreadableValueReadsAsSignedOutNotAs500() {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			assertThat(browser.getJson(apps.url(0) + "/auth/user").statusCode()).isEqualTo(200);
			String key = "spring:session:sessions:"
					+ new String(Base64.getDecoder().decode(browser.cookie("SESSION")), StandardCharsets.UTF_8);
			commands.hset(key, "creationTime", "\u00ac\u00ed\u0000\u0005garbage");
			for (int instance = 0; instance < 2; instance++) {
				assertThat(browser.getJson(apps.url(instance) + "/auth/user").statusCode()).isEqualTo(401);
			}
			assertThat(commands.exists(key)).as("the damaged session is discarded").isZero();
		}
	}

	@Test
	void anUnchangedSignedInRequestCostsNoReadOnlyAReadBarrier() {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			// each instance reads the record; an instance's first request after the login
			// may still write it (the device record, a touch), which drops the other's
			// copy: warm up until a round of both reads nothing
			for (int round = 0; round < 5; round++) {
				Map<String, Long> warming = counts.now();
				browser.getJson(apps.url(0) + "/auth/user");
				browser.getJson(apps.url(1) + "/auth/user");
				if (!counts.since(warming).containsKey("hgetall")) {
					break;
				}
			}
			Map<String, Long> before = counts.now();
			for (int i = 0; i < 20; i++) {
				HttpResponse<String> user = browser.getJson(apps.url(i % 2) + "/auth/user");
				assertThat(user.statusCode()).isEqualTo(200);
				assertThat(user.body()).contains("\"subject\":\"alice\"");
			}
			Map<String, Long> spent = counts.since(before);
			// sequential requests each wait for one PING (the read barrier); concurrent
			// ones share it; a few more are the heartbeats of the two instances
			assertThat(spent.keySet()).as("Redis commands of 20 unchanged signed-in requests").containsOnly("ping");
			assertThat(spent.get("ping")).isLessThanOrEqualTo(20 + 10);
			assertThat(apps.context(0).getBean(TrackedSessionCache.class).hits()).isPositive();
		}
	}

	@Test
	void everyWayASessionEndsIsSeenByTheNextRequestOnTheOtherInstanceUnderLoad() throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger loadErrors = new AtomicInteger();
		ExecutorService load = Executors.newFixedThreadPool(4);
		List<Future<?>> loaders = new ArrayList<>();
		try (Browser busy = new Browser()) {
			busy.login(apps.url(0) + "/auth/login/test", "bob", apps.url(0));
			for (int t = 0; t < 4; t++) {
				int instance = t % 2;
				loaders.add(load.submit(() -> {
					while (running.get()) {
						if (busy.getJson(apps.url(instance) + "/auth/user").statusCode() != 200) {
							loadErrors.incrementAndGet();
						}
					}
				}));
			}
			// five rounds run each way a session ends on each instance against the other,
			// under load, at least twice
			for (int round = 0; round < 5; round++) {
				int a = round % 2;
				int b = 1 - a;
				try (Browser alice = new Browser()) {
					alice.login(apps.url(a) + "/auth/login/test", "alice", apps.url(a));
					warm(alice, b);
					assertThat(alice.postWithCsrf(apps.url(a) + "/auth/logout", true).statusCode()).isEqualTo(200);
					assertThat(alice.getJson(apps.url(b) + "/auth/user").statusCode())
						.as("round %d: the request right after a logout on instance %d", round, a)
						.isEqualTo(401);
				}
				try (Browser alice = new Browser()) {
					alice.login(apps.url(a) + "/auth/login/test", "alice", apps.url(a));
					warm(alice, b);
					assertThat(alice.postWithCsrf(apps.url(a) + "/api/sign-out-everywhere", true).statusCode())
						.isEqualTo(200);
					assertThat(alice.getJson(apps.url(b) + "/auth/user").statusCode())
						.as("round %d: the request right after signing out everywhere", round)
						.isEqualTo(401);
				}
				try (Browser alice = new Browser(); Browser op = new Browser()) {
					alice.login(apps.url(a) + "/auth/login/test", "alice", apps.url(a));
					warm(alice, b);
					Map<String, Object> claims = provider.logoutTokenClaims();
					claims.put("sub", "alice");
					assertThat(op
						.postForm(apps.url(a) + "/auth/backchannel-logout/test",
								Map.of("logout_token", provider.signLogoutToken(claims)))
						.statusCode()).isEqualTo(200);
					assertThat(alice.getJson(apps.url(b) + "/auth/user").statusCode())
						.as("round %d: the request right after a back-channel logout", round)
						.isEqualTo(401);
				}
			}
			running.set(false);
			for (Future<?> loader : loaders) {
				loader.get();
			}
			assertThat(loadErrors).as("the other user's requests meanwhile").hasValue(0);
		}
		finally {
			running.set(false);
			load.shutdownNow();
		}
	}

	@Test
	void aRefreshIsStillSingleFlightAndSeenEverywhere() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(0));
			String before = browser.get(apps.url(1) + "/api/token").body();
			assertThat(browser.get(apps.url(0) + "/api/token").body()).isEqualTo(before);
			int grants = provider.refreshGrants();
			int accepted = provider.acceptedRefreshGrants();
			// the grant's answer takes a while: every other refresh arrives while it runs
			provider.delayTokenResponses(Duration.ofMillis(1500));
			ExecutorService pool = Executors.newFixedThreadPool(8);
			try {
				List<Future<HttpResponse<String>>> refreshes = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					String url = apps.url(i % 2) + "/auth/refresh";
					refreshes.add(pool.submit(() -> browser.postWithCsrf(url, true)));
				}
				for (Future<HttpResponse<String>> refresh : refreshes) {
					assertThat(refresh.get().statusCode()).isEqualTo(200);
				}
			}
			finally {
				provider.delayTokenResponses(Duration.ZERO);
				pool.shutdownNow();
			}
			assertThat(provider.refreshGrants()).as("refresh grants for 8 concurrent refreshes on two instances")
				.isEqualTo(grants + 1);
			assertThat(provider.acceptedRefreshGrants()).as("grants issued").isEqualTo(accepted + 1);
			String after = browser.get(apps.url(1) + "/api/token").body();
			assertThat(after).isNotEqualTo(before);
			assertThat(browser.get(apps.url(0) + "/api/token").body()).isEqualTo(after);
		}
	}

	@Test
	void nothingCachedBeforeRedisWentAwaySurvivesIt() throws Exception {
		try (Browser alice = new Browser(); Browser carol = new Browser()) {
			alice.login(apps.url(0) + "/auth/login/test", "alice", apps.url(0));
			carol.login(apps.url(0) + "/auth/login/test", "bob", apps.url(0));
			warm(alice, 1);
			warm(carol, 1);
			String alicesKey = sessionKey(alice);
			redis.stop();
			redis.startAgain();
			// changed in Redis before the instances are back: no invalidation reaches
			// them
			commands.del(alicesKey);
			assertThat(alice.getJson(apps.url(1) + "/auth/user").statusCode()).isIn(401, 503);
			awaitAnswer(carol, 200);
			assertThat(alice.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(alice.getJson(apps.url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(carol.getJson(apps.url(0) + "/auth/user").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void madeUpSessionCookiesLeaveNothingInTheCacheAndMalformedOnesCostNoRedisCommand() throws Exception {
		TrackedSessionCache cache = apps.context(0).getBean(TrackedSessionCache.class);
		HttpClient http = HttpClient.newHttpClient();
		try (Browser alice = new Browser()) {
			alice.login(apps.url(0) + "/auth/login/test", "alice", apps.url(0));
			warm(alice, 0);
			int held = cache.size();
			SecureRandom random = new SecureRandom();
			// 6 KB of random bytes, as a script would send: never the shape of an id
			Map<String, Long> before = counts.now();
			// each request is judged alone: 5,000 of each kind prove what 50,000 did,
			// with
			// exact counts, in a tenth of the time
			assertThat(flood(http, FLOOD, () -> {
				byte[] noise = new byte[4_500];
				random.nextBytes(noise);
				return Base64.getEncoder().encodeToString(noise);
			})).as("answers to made-up cookies").containsOnlyKeys(401);
			assertThat(counts.since(before).keySet()).as("Redis commands of %d malformed session cookies", FLOOD)
				.doesNotContain("hgetall", "del", "exists", "evalsha", "eval");
			// ids of the right shape that Redis does not hold: one read each, nothing
			// kept
			before = counts.now();
			assertThat(flood(http, FLOOD,
					() -> Base64.getEncoder()
						.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))))
				.containsOnlyKeys(401);
			assertThat(counts.since(before)).as("Redis commands of %d unknown well-formed ids", FLOOD)
				.containsEntry("hgetall", (long) FLOOD);
			assertThat(cache.reservations()).as("reservations left behind").isZero();
			assertThat(cache.size()).as("records held").isEqualTo(held);
			assertThat(alice.getJson(apps.url(0) + "/auth/user").statusCode()).isEqualTo(200);
			assertThat(cache.holds(sessionKey(alice))).isTrue();
		}
	}

	/** Made-up session cookies of each kind in the flood test. */
	private static final int FLOOD = 5_000;

	/** Sends anonymous requests, each with a cookie of its own, four at a time. */
	private static Map<Integer, Long> flood(HttpClient http, int requests, Supplier<String> cookies) throws Exception {
		ExecutorService senders = Executors.newFixedThreadPool(4);
		try {
			List<Future<Map<Integer, Long>>> parts = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				parts.add(senders.submit(() -> {
					Map<Integer, Long> statuses = new TreeMap<>();
					for (int i = 0; i < requests / 4; i++) {
						HttpRequest request = HttpRequest.newBuilder(URI.create(apps.url(0) + "/auth/user"))
							.header("Accept", "application/json")
							.header("Cookie", "SESSION=" + cookies.get())
							.build();
						int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
						statuses.merge(status, 1L, Long::sum);
					}
					return statuses;
				}));
			}
			Map<Integer, Long> statuses = new TreeMap<>();
			for (Future<Map<Integer, Long>> part : parts) {
				part.get().forEach((status, count) -> statuses.merge(status, count, Long::sum));
			}
			return statuses;
		}
		finally {
			senders.shutdownNow();
		}
	}

	private static void warm(Browser browser, int instance) {
		// read on the other instance too, so it holds the record in memory
		assertThat(browser.getJson(apps.url(instance) + "/auth/user").statusCode()).isEqualTo(200);
		assertThat(browser.getJson(apps.url(instance) + "/auth/user").statusCode()).isEqualTo(200);
	}

	private static void awaitAnswer(Browser browser, int status) throws InterruptedException {
		long deadline = System.nanoTime() + 40_000_000_000L;
		int last = 0;
		while (System.nanoTime() < deadline) {
			last = browser.getJson(apps.url(1) + "/auth/user").statusCode();
			if (last == status) {
				return;
			}
			Thread.sleep(200);
		}
		assertThat(last).isEqualTo(status);
	}

	private static String sessionKey(Browser browser) {
		String id = new String(Base64.getDecoder().decode(browser.cookie("SESSION")), StandardCharsets.UTF_8);
		return "spring:session:sessions:" + id;
	}

}
