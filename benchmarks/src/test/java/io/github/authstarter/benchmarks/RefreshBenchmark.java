package io.github.authstarter.benchmarks;

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

import io.github.authstarter.benchmarks.starter.RefreshOutcomes;
import io.github.authstarter.benchmarks.starter.StarterApplication;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
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
		int unlabelled = 0;
		try (AppInstances apps = AppInstances.start(2, StarterApplication.class, properties)) {
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
				// two requests on an expired token, one per instance: each is labelled by
				// what its instance reports it did, not by which was sent first
				long[] refreshedBefore = { outcomes(apps, 0, "refreshed"), outcomes(apps, 1, "refreshed") };
				long[] waitedBefore = { outcomes(apps, 0, "waited_for_other_instance"),
						outcomes(apps, 1, "waited_for_other_instance") };
				List<CompletableFuture<Double>> pair = List.of(timed(apps.url(0) + "/api/token", session),
						timed(apps.url(1) + "/api/token", session));
				for (int instance = 0; instance < 2; instance++) {
					double ms = pair.get(instance).join();
					if (warmUp) {
						continue;
					}
					if (outcomes(apps, instance, "refreshed") > refreshedBefore[instance]) {
						refreshing.add(ms);
					}
					else if (outcomes(apps, instance, "waited_for_other_instance") > waitedBefore[instance]) {
						waiting.add(ms);
					}
					else {
						unlabelled++;
					}
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
		System.out
			.println("Requests of the expired pair that neither refreshed nor waited (came after): " + unlabelled);
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

	private static long outcomes(AppInstances apps, int instance, String outcome) {
		return apps.context(instance).getBean(RefreshOutcomes.class).count(outcome);
	}

	private static void row(String figure, List<Double> values, String format) {
		if (values.isEmpty()) {
			System.out.printf("| %-56s | %10s | %10s | %10s |%n", figure, "none", "", "");
			return;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		double median = sorted.get(sorted.size() / 2);
		System.out.printf("| %-56s | %10s | %10s | %10s |%n", figure, String.format(format, median),
				String.format(format, sorted.get(0)), String.format(format, sorted.get(sorted.size() - 1)));
	}

}
