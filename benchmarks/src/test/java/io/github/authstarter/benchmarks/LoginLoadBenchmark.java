package io.github.authstarter.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.authstarter.benchmarks.starter.StarterApplication;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import org.junit.jupiter.api.Test;

/**
 * A bounded load test: {@code bench.logins} (1000) complete logins through a real OpenID
 * Provider, each hop (start, callback, first page) on a random one of three instances,
 * {@code bench.concurrency} (8) at a time, while {@code bench.readers} (4) signed-in
 * clients keep requesting {@code /api/token} on random instances. Prints successes, login
 * latency percentiles, throughput and errors by kind; asserts nothing about time. Run
 * with {@code ./mvnw -Pbench -pl autoconfigure -am verify}.
 */
class LoginLoadBenchmark {

	private static final int LOGINS = Integer.getInteger("bench.logins", 1000);

	private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);

	private static final int READERS = Integer.getInteger("bench.readers", 4);

	@Test
	void logins() throws Exception {
		TestOpenIdProvider provider = TestOpenIdProvider.create().start();
		Map<String, Object> properties = provider.appProperties();
		properties.put("logging.level.root", "warn");
		List<Double> loginMillis = new CopyOnWriteArrayList<>();
		ConcurrentMap<String, AtomicInteger> errors = new ConcurrentHashMap<>();
		AtomicInteger successes = new AtomicInteger();
		LongAdder reads = new LongAdder();
		List<Double> readMillis = new CopyOnWriteArrayList<>();
		long elapsed;
		try (AppInstances apps = AppInstances.start(3, StarterApplication.class, properties)) {
			for (int i = 0; i < 20; i++) {
				login(apps, "alice");
			}
			AtomicBoolean running = new AtomicBoolean(true);
			ExecutorService readers = Executors.newFixedThreadPool(READERS);
			for (int r = 0; r < READERS; r++) {
				readers.submit(() -> read(apps, running, reads, readMillis, errors));
			}
			ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY);
			long started = System.nanoTime();
			for (int i = 0; i < LOGINS; i++) {
				String user = (i % 2 == 0) ? "alice" : "bob";
				workers.submit(() -> {
					long start = System.nanoTime();
					try {
						String failure = login(apps, user);
						if (failure == null) {
							successes.incrementAndGet();
							loginMillis.add((System.nanoTime() - start) / 1_000_000.0);
						}
						else {
							errors.computeIfAbsent("login: " + failure, (k) -> new AtomicInteger()).incrementAndGet();
						}
					}
					catch (RuntimeException ex) {
						errors.computeIfAbsent("login: " + ex.getClass().getSimpleName(), (k) -> new AtomicInteger())
							.incrementAndGet();
					}
				});
			}
			workers.shutdown();
			workers.awaitTermination(30, TimeUnit.MINUTES);
			elapsed = System.nanoTime() - started;
			running.set(false);
			readers.shutdown();
			readers.awaitTermination(1, TimeUnit.MINUTES);
		}
		finally {
			provider.stop();
		}
		double seconds = elapsed / 1e9;
		System.out.println();
		System.out.println("Login load: 3 instances, 1 Redis (" + TestRedis.get().kind() + "), Spring Authorization "
				+ "Server, " + LOGINS + " logins, " + CONCURRENCY + " at a time, " + READERS
				+ " signed-in readers, every hop on a random instance");
		System.out.printf("| %-44s | %14s |%n", "figure", "value");
		System.out.println("|" + "-".repeat(46) + "|" + "-".repeat(16) + "|");
		System.out.printf("| %-44s | %14s |%n", "successful logins", successes.get() + "/" + LOGINS);
		System.out.printf("| %-44s | %14.1f |%n", "logins per second", successes.get() / seconds);
		System.out.printf("| %-44s | %14.1f |%n", "login p50 (ms, 5 requests + provider form)",
				percentile(loginMillis, 50));
		System.out.printf("| %-44s | %14.1f |%n", "login p99 (ms)", percentile(loginMillis, 99));
		System.out.printf("| %-44s | %14d |%n", "authenticated reads during the run", reads.sum());
		System.out.printf("| %-44s | %14.1f |%n", "authenticated read p50 (ms)", percentile(readMillis, 50));
		System.out.printf("| %-44s | %14.1f |%n", "authenticated read p99 (ms)", percentile(readMillis, 99));
		System.out.println("Errors by kind: " + (errors.isEmpty() ? "none" : new TreeMap<>(errors)));
		System.out.println();
	}

	private static String login(AppInstances apps, String user) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(apps.url(random.nextInt(3)) + "/auth/login/test", user);
			HttpResponse<String> answer = browser.get(Browser.onInstance(callback, apps.url(random.nextInt(3))));
			if (answer.statusCode() != 302) {
				return "callback " + answer.statusCode();
			}
			String page = browser.get(apps.url(random.nextInt(3)) + "/hello").body();
			return page.equals("hello " + user) ? null : "first page";
		}
	}

	private static void read(AppInstances apps, AtomicBoolean running, LongAdder reads, List<Double> readMillis,
			ConcurrentMap<String, AtomicInteger> errors) {
		String session;
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + "/auth/login/test", "alice", apps.url(1));
			session = browser.cookie("SESSION");
		}
		HttpClient http = HttpClient.newHttpClient();
		while (running.get()) {
			long start = System.nanoTime();
			try {
				HttpResponse<Void> response = http.send(HttpRequest
					.newBuilder(URI.create(apps.url(ThreadLocalRandom.current().nextInt(3)) + "/api/token"))
					.header("Cookie", "SESSION=" + session)
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					reads.increment();
					readMillis.add((System.nanoTime() - start) / 1_000_000.0);
				}
				else {
					errors.computeIfAbsent("read: " + response.statusCode(), (k) -> new AtomicInteger())
						.incrementAndGet();
				}
			}
			catch (Exception ex) {
				errors.computeIfAbsent("read: " + ex.getClass().getSimpleName(), (k) -> new AtomicInteger())
					.incrementAndGet();
			}
		}
	}

	private static double percentile(List<Double> values, int percentile) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}

}
