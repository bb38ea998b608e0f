package io.github.authstarter.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.testbed.AppInstances;
import io.github.authstarter.testbed.Browser;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.Test;

/**
 * Figures for server-side refresh on two instances sharing one Redis and one OpenID
 * Provider with rotation: refresh grants per expiry burst of N concurrent requests, and
 * the latency of a request that performs a refresh, one that waits for another instance's
 * refresh, and one that needs none. Run with
 * {@code ./mvnw -Pbench -pl autoconfigure -am verify}; it prints a table and asserts
 * nothing about time.
 */
class RefreshBenchmark {

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

	private static final int BURST = Integer.getInteger("bench.burst", 50);

	private static final Duration LIFETIME = Duration.ofSeconds(2);

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void refresh() throws Exception {
		TestOpenIdProvider provider = TestOpenIdProvider.create().accessTokenTimeToLive(LIFETIME).start();
		Map<String, Object> properties = new HashMap<>(TestRedis.get().properties());
		properties.putAll(provider.clientProperties("test"));
		properties.put("auth.flow.max-starts-per-client-per-minute", "100000");
		properties.put("auth.refresh.skew", "200ms");
		properties.put("logging.level.root", "warn");
		List<Double> grantsPerBurst = new ArrayList<>();
		List<Double> failedPerBurst = new ArrayList<>();
		List<Double> refreshing = new ArrayList<>();
		List<Double> waiting = new ArrayList<>();
		List<Double> plain = new ArrayList<>();
		try (AppInstances apps = AppInstances.start(2, TestApplication.class, properties)) {
			for (int round = 0; round < ROUNDS + 1; round++) {
				boolean warmUp = round == 0;
				String session = login(apps);
				for (int i = 0; i < 5; i++) {
					double ms = timed(apps.url(i % 2) + "/api/token", session).join();
					if (!warmUp) {
						plain.add(ms);
					}
				}
				Thread.sleep(LIFETIME.plusMillis(300).toMillis());
				// one request refreshes on instance 0 while another arrives on instance 1
				CompletableFuture<Double> winner = timed(apps.url(0) + "/api/token", session);
				Thread.sleep(5);
				CompletableFuture<Double> waiter = timed(apps.url(1) + "/api/token", session);
				if (!warmUp) {
					refreshing.add(winner.join());
					waiting.add(waiter.join());
				}
				session = login(apps);
				Thread.sleep(LIFETIME.plusMillis(300).toMillis());
				int before = provider.refreshGrants();
				int failed = burst(apps, session);
				if (!warmUp) {
					grantsPerBurst.add((double) (provider.refreshGrants() - before));
					failedPerBurst.add((double) failed);
				}
			}
		}
		finally {
			provider.stop();
		}
		System.out.println();
		System.out.println("Refresh benchmark: 2 instances, 1 Redis (" + TestRedis.get().kind() + "), "
				+ "Spring Authorization Server with rotation, " + ROUNDS + " rounds, burst of " + BURST);
		System.out.printf("| %-56s | %10s | %10s | %10s |%n", "figure", "median", "min", "max");
		System.out
			.println("|" + "-".repeat(58) + "|" + "-".repeat(12) + "|" + "-".repeat(12) + "|" + "-".repeat(12) + "|");
		row("refresh grants per burst of " + BURST + " requests", grantsPerBurst, "%.0f");
		row("failed requests per burst", failedPerBurst, "%.0f");
		row("request that performs the refresh (ms)", refreshing, "%.1f");
		row("request that waits for another instance's refresh (ms)", waiting, "%.1f");
		row("request that needs no refresh (ms)", plain, "%.1f");
		System.out.println();
	}

	private int burst(AppInstances apps, String session) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(BURST);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < BURST; i++) {
				HttpRequest request = request(apps.url(i % 2) + "/api/token", session);
				answers.add(executor
					.submit(() -> this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
			}
			int failed = 0;
			for (Future<Integer> answer : answers) {
				failed += (answer.get() == 200) ? 0 : 1;
			}
			return failed;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private CompletableFuture<Double> timed(String url, String session) {
		long start = System.nanoTime();
		return this.http.sendAsync(request(url, session), HttpResponse.BodyHandlers.discarding()).thenApply((r) -> {
			if (r.statusCode() != 200) {
				throw new IllegalStateException(url + " answered " + r.statusCode());
			}
			return (System.nanoTime() - start) / 1_000_000.0;
		});
	}

	private static HttpRequest request(String url, String session) {
		return HttpRequest.newBuilder(URI.create(url))
			.header("Cookie", "SESSION=" + session)
			.timeout(Duration.ofSeconds(30))
			.build();
	}

	private static String login(AppInstances apps) {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			return browser.cookie("SESSION");
		}
	}

	private static void row(String figure, List<Double> values, String format) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		double median = sorted.get(sorted.size() / 2);
		System.out.printf("| %-56s | %10s | %10s | %10s |%n", figure, String.format(format, median),
				String.format(format, sorted.get(0)), String.format(format, sorted.get(sorted.size() - 1)));
	}

}
