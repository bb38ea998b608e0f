package io.github.authstarter.benchmarks;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.authstarter.benchmarks.chaos.SoakReport;
import io.github.authstarter.benchmarks.starter.StarterApplication;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.tenant.ProviderStore;
import io.github.authstarter.tenant.StoredProvider;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * Many tenants against one: the same application with the one provider of
 * {@code auth.providers.test}, and with ten thousand more in the starter's Redis store
 * (each a tenant's, each with its own id, client and email domain). Start-up to first
 * answer, provider resolution (a provider known, a provider first used, an id the store
 * does not hold), heap per idle and per used provider, and how long a provider saved on
 * one instance takes to answer a login start on the other. Prints a table and writes its
 * section of {@code benchmarks/RESULTS.md}; asserts nothing about time.
 */
class ManyTenantsBenchmark {

	static final String BEGIN = "<!-- many-tenants:begin -->";

	static final String END = "<!-- many-tenants:end -->";

	private static final int PROVIDERS = Integer.getInteger("bench.providers", 10_000);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private static final int LOOKUPS = 200_000;

	private static final int COLD = 1_000;

	private static final int ADDS = 20;

	static {
		// JDK 17 keeps its fields' offsets from JOL unless it finds them itself
		System.setProperty("jol.magicFieldOffset", "true");
	}

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final Random random = new Random(35);

	@Test
	void manyTenants() throws Exception {
		Figures figures = run(PROVIDERS, ROUNDS, COLD);
		String table = figures.table();
		System.out.println(table);
		SoakReport.write(Path.of("RESULTS.md"), table, BEGIN, END);
	}

	/**
	 * Measures both configurations.
	 * @param providers how many providers the store holds
	 * @param rounds the measured rounds, after one to warm up
	 * @param cold how many providers are each used once
	 * @return the figures of each configuration
	 */
	static Figures run(int providers, int rounds, int cold) throws Exception {
		return new ManyTenantsBenchmark().measureAll(providers, rounds, cold);
	}

	private Figures measureAll(int providers, int rounds, int cold) throws Exception {
		TestOpenIdProvider provider = TestOpenIdProvider.create().start();
		Map<String, Object> base = new HashMap<>(TestRedis.get().properties());
		base.putAll(provider.clientProperties("test"));
		base.put("auth.flow.max-starts-per-client-per-minute", "1000000");
		base.put("logging.level.root", "warn");
		// login starts measured without a pushed request on either side
		base.put("auth.providers.test.par", "off");
		Map<String, Object> one = new HashMap<>(base);
		one.put("auth.redis.key-prefix", "bench-one:");
		Map<String, Object> many = new HashMap<>(base);
		many.put("auth.redis.key-prefix", "bench-many:");
		many.put("auth.provider-store.type", "redis");
		many.put("auth.provider-store.allow-loopback", "true");
		long filled = fill(many, provider, providers);
		Map<String, List<Double>> oneFigures = new HashMap<>();
		Map<String, List<Double>> manyFigures = new HashMap<>();
		for (int round = 0; round <= rounds; round++) {
			boolean warmUp = round == 0;
			// alternating which goes first
			for (boolean stored : (round % 2 == 0) ? new boolean[] { false, true } : new boolean[] { true, false }) {
				Map<String, Double> figures = measure(stored ? many : one, stored, provider, providers, cold);
				if (!warmUp) {
					figures.forEach((name, value) -> (stored ? manyFigures : oneFigures)
						.computeIfAbsent(name, (key) -> new ArrayList<>())
						.add(value));
				}
			}
		}
		provider.stop();
		return new Figures(oneFigures, manyFigures, providers, rounds, filled);
	}

	/**
	 * Saves the providers once, through the store, before the measured instances start.
	 */
	private long fill(Map<String, Object> properties, TestOpenIdProvider provider, int providers) {
		long started = System.nanoTime();
		try (AppInstances loader = AppInstances.start(1, StarterApplication.class, properties)) {
			ProviderStore store = loader.context(0).getBean(ProviderStore.class);
			if (store.summaries().size() < providers) {
				for (int i = 0; i < providers; i++) {
					store.save(stored("tenant-" + i, provider));
				}
			}
		}
		return (System.nanoTime() - started) / 1_000_000;
	}

	private static StoredProvider stored(String id, TestOpenIdProvider provider) {
		return StoredProvider.of(id, id,
				Map.of("issuer-uri", provider.issuer(), "client-id", id + "-client", "client-secret",
						"secret-of-" + id + "-that-is-long-enough", "display-name", "Tenant " + id,
						"allowed-email-domains", id + ".example", "par", "off"));
	}

	private Map<String, Double> measure(Map<String, Object> properties, boolean stored, TestOpenIdProvider provider,
			int providers, int cold) throws Exception {
		Map<String, Double> figures = new HashMap<>();
		long started = System.nanoTime();
		try (AppInstances apps = AppInstances.start(2, StarterApplication.class, properties)) {
			awaitStatus(apps.url(0) + "/auth/login", 200);
			figures.put("start-up of two instances to first answer (ms)", (System.nanoTime() - started) / 1e6);
			ProviderRegistrations registrations = apps.context(0).getBean(ProviderRegistrations.class);
			String sample = stored ? "tenant-" + (providers / 2) : "test";
			long firstUse = System.nanoTime();
			registrations.definition(sample);
			figures.put("first provider resolution after start-up (ms)", (System.nanoTime() - firstUse) / 1e6);
			if (stored) {
				// what the whole application retains, walked object by object: before and
				// after its summaries of every provider were read (at the first use
				// above),
				// then after a thousand providers were used once
				figures.put("retained per idle stored provider, its summary (bytes)",
						(double) summariesSize(apps.context(0).getBean(ProviderStore.class)) / providers);
				// what an instance keeps of each provider it used: its compiled settings
				// and
				// its client registration, walked object by object once one and once all
				// were
				// used, so what they share is counted in neither
				long oneUsed = usedProvidersSize(apps);
				List<Double> firstUses = new ArrayList<>();
				for (int i = 1; i < cold; i++) {
					firstUses.add(timedMicros(registrations, "tenant-" + i));
				}
				figures.put("retained per provider used once, compiled (bytes)",
						(double) (usedProvidersSize(apps) - oneUsed) / (cold - 1));
				figures.put("resolution of a provider first used, p50 (µs)", percentile(firstUses, 50));
				figures.put("resolution of a provider first used, p99 (µs)", percentile(firstUses, 99));
			}
			Function<Integer, String> known = stored ? (i) -> "tenant-" + (i % cold) : (i) -> "test";
			List<Double> warm = lookups(registrations, known);
			figures.put("resolution of a provider in use, p50 (µs)", percentile(warm, 50));
			figures.put("resolution of a provider in use, p99 (µs)", percentile(warm, 99));
			List<Double> unknown = lookups(registrations, (i) -> "nobody-" + this.random.nextInt(1_000_000));
			figures.put("resolution of an id nobody configured, p99 (µs)", percentile(unknown, 99));
			// the first login start of each provider discovers it (its metadata from the
			// provider), the next ones use what was discovered
			for (String pass : new String[] { "first login start of a provider, discovering it",
					"login start of a provider in use" }) {
				List<Double> login = new ArrayList<>();
				for (int i = 0; i < 200; i++) {
					long start = System.nanoTime();
					awaitStatus(apps.url(i % 2) + "/auth/login/" + known.apply(i), 302);
					login.add((System.nanoTime() - start) / 1e6);
				}
				figures.put(pass + ", p50 (ms)", percentile(login, 50));
				figures.put(pass + ", p99 (ms)", percentile(login, 99));
			}
			if (stored) {
				List<Double> added = new ArrayList<>();
				ProviderStore store = apps.context(0).getBean(ProviderStore.class);
				for (int i = 0; i < ADDS; i++) {
					String id = "fresh-" + System.nanoTime();
					long saved = System.nanoTime();
					store.save(stored(id, provider));
					awaitStatus(apps.url(1) + "/auth/login/" + id, 302);
					added.add((System.nanoTime() - saved) / 1e6);
					store.remove(id);
				}
				figures.put("provider saved on one instance to login start on the other, p50 (ms)",
						percentile(added, 50));
				figures.put("provider saved on one instance to login start on the other, max (ms)",
						percentile(added, 100));
			}
		}
		return figures;
	}

	/**
	 * The map in which an instance keeps what it compiled of each stored provider, read
	 * from its bean's field: not a type an application may use.
	 */
	private static long usedProvidersSize(AppInstances apps) throws ReflectiveOperationException {
		// the compiled settings only: a client registration waiting for its discovery
		// holds little of its own, and reaches the application's shared HTTP clients
		Object stored = apps.context(0).getBean("authStoredProviders");
		return GraphLayout.parseInstance(field(stored, "compiled")).totalSize();
	}

	private static Object field(Object owner, String name) throws ReflectiveOperationException {
		Field field = owner.getClass().getDeclaredField(name);
		field.setAccessible(true);
		return field.get(owner);
	}

	/** The summaries as an instance keeps them: a concurrent map by id. */
	private static long summariesSize(ProviderStore store) {
		Map<String, StoredProvider.Summary> held = new ConcurrentHashMap<>();
		store.summaries().forEach((summary) -> held.put(summary.id(), summary));
		return GraphLayout.parseInstance(held).totalSize();
	}

	private List<Double> lookups(ProviderRegistrations registrations, Function<Integer, String> ids) {
		List<Double> micros = new ArrayList<>(LOOKUPS);
		for (int i = 0; i < LOOKUPS; i++) {
			micros.add(timedMicros(registrations, ids.apply(i)));
		}
		return micros;
	}

	private static double timedMicros(ProviderRegistrations registrations, String id) {
		long start = System.nanoTime();
		registrations.definition(id);
		return (System.nanoTime() - start) / 1e3;
	}

	private void awaitStatus(String url, int status) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build();
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != status) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(url + " did not answer " + status);
			}
			Thread.onSpinWait();
		}
	}

	private static double percentile(List<Double> values, int percentile) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Double::compare);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	private static String cell(List<Double> values) {
		if (values == null || values.isEmpty()) {
			return "–";
		}
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Double::compare);
		return "%.2f [%.2f–%.2f]".formatted(sorted.get(sorted.size() / 2), sorted.get(0),
				sorted.get(sorted.size() - 1));
	}

	/**
	 * The figures of both configurations, each a list of one value per round.
	 *
	 * @param one the configuration of one provider
	 * @param many the one with the stored providers
	 * @param providers how many the store holds
	 * @param rounds the measured rounds
	 * @param filledMillis how long saving them took
	 */
	record Figures(Map<String, List<Double>> one, Map<String, List<Double>> many, int providers, int rounds,
			long filledMillis) {

		String table() {
			StringBuilder text = new StringBuilder(BEGIN).append("\n## Many tenants\n\n");
			text.append("Written by `benchmarks/run.sh ManyTenantsBenchmark` on ")
				.append(LocalDate.now())
				.append(" (")
				.append(Runtime.getRuntime().availableProcessors())
				.append(" cores, Java ")
				.append(System.getProperty("java.version"))
				.append("), ")
				.append(this.rounds)
				.append(" rounds after a warm-up, alternating which configuration goes first; median with the range "
						+ "over the rounds in brackets. Two instances in one JVM, one Redis, one provider. ")
				.append("\"stored\" adds ")
				.append(this.providers)
				.append(" providers in the Redis store (saved through `ProviderStore` in ")
				.append(this.filledMillis / 1000)
				.append(" s, each checked as at startup) to the one of `auth.providers.test`. Resolution is "
						+ "`ProviderRegistrations.definition(id)` in the instance, what every login start, callback, "
						+ "refresh and logout asks first (a provider first used reads the store and compiles its settings). "
						+ "Retained sizes are counted object by object (JOL's `GraphLayout`): the summaries an "
						+ "instance keeps of every stored provider (a concurrent map by id, as it holds them), and its "
						+ "map of compiled providers once a thousand were each used once, less the same map with one."
						+ "\n\n")
				.append("| figure | 1 provider | " + "%,d".formatted(this.providers) + " stored |\n|---|---|---|\n");
			List<String> names = new ArrayList<>(this.many.keySet());
			this.one.keySet().stream().filter((name) -> !names.contains(name)).forEach(names::add);
			names.sort(String::compareTo);
			for (String name : names) {
				text.append("| ").append(name).append(" | ").append(cell(this.one.get(name))).append(" | ");
				text.append(cell(this.many.get(name))).append(" |\n");
			}
			return text.append("\n").append(END).append("\n").toString();
		}

	}

}
