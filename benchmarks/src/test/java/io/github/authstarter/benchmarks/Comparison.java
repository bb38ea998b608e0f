package io.github.authstarter.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures one iteration of every figure for one setup, against the shared Redis and
 * OpenID Provider. A figure that cannot be measured (the stock app does not start with
 * the provider down) is {@code NaN}.
 */
final class Comparison {

	static final String SESSION_BYTES = "Redis bytes per signed-in session (keys + values)";

	static final String SESSION_MEMORY = "Redis MEMORY USAGE per signed-in session (bytes)";

	static final String SESSION_KEYS = "Redis keys per signed-in session";

	static final String SESSION_FIELDS = "Redis hash fields + set members per session";

	static final String COMMANDS_AUTHENTICATED = "Redis commands per authenticated GET";

	static final String READS_AUTHENTICATED = "Redis session reads (HGETALL) per authenticated GET";

	static final String COMMANDS_UNDER_LOAD = "Redis commands per authenticated GET under load";

	static final String COMMANDS_ANONYMOUS = "Redis commands per anonymous GET";

	static final String COMMANDS_REFRESHING = "Redis commands per GET that refreshes the token";

	static final String COMMANDS_LOGIN = "Redis commands per login";

	static final String THROUGHPUT_AUTHENTICATED = "authenticated GET throughput (req/s)";

	static final String P50_AUTHENTICATED = "authenticated GET p50 (ms)";

	static final String P99_AUTHENTICATED = "authenticated GET p99 (ms)";

	static final String THROUGHPUT_ANONYMOUS = "anonymous GET throughput (req/s)";

	static final String AUTHENTICATED_TO_ANONYMOUS = "authenticated / anonymous throughput";

	static final String P99_ANONYMOUS = "anonymous GET p99 (ms)";

	static final String SAME_SIGNED_IN = "same handler, signed-in GET throughput (req/s)";

	static final String SAME_P99_SIGNED_IN = "same handler, signed-in GET p99 (ms)";

	static final String SAME_RATIO = "same handler, signed in ÷ anonymous throughput";

	static final String LOAD_ERRORS = "failed requests in the throughput runs";

	static final String LOGINS = "logins per second (callback on the other instance)";

	static final String JWKS_PER_LOGIN = "JWKS fetches per login";

	static final String REFRESH_GRANTS = "refresh grants for 50 requests on an expired token";

	static final String REFRESH_FAILURES = "failed requests in that burst";

	static final String STARTUP_UP = "start-up to first answer, provider up (ms)";

	static final String STARTUP_DOWN = "start-up to first answer, provider down (ms)";

	private final TestOpenIdProvider provider;

	private final RedisCommands<String, String> redis;

	private final Scale scale;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The commands of the last count, by command. */
	private Map<String, Long> lastCounts = Map.of();

	/** Why a figure could not be measured, by setup and figure. */
	private final Map<String, String> notes = new LinkedHashMap<>();

	Comparison(TestOpenIdProvider provider, RedisCommands<String, String> redis, Scale scale) {
		this.provider = provider;
		this.redis = redis;
		this.scale = scale;
	}

	Map<String, Double> measure(Setup setup) throws Exception {
		Map<String, Double> figures = new LinkedHashMap<>();
		if (setup.full()) {
			figures.put(STARTUP_UP, startup(setup, STARTUP_UP));
		}
		try (AppInstances apps = AppInstances.start(2, setup.application(), setup.properties(this.provider))) {
			sessionFootprint(setup, apps, figures);
			if (setup.scope() == Setup.Scope.LOGIN) {
				this.redis.configResetstat();
				figures.put(LOGINS, loginsPerSecond(setup, apps));
				figures.put(COMMANDS_LOGIN, (double) commandCount("login") / this.scale.logins());
				refresh(setup, apps, figures);
				return figures;
			}
			String session = login(setup, apps);
			figures.put(COMMANDS_AUTHENTICATED, commandsPerGet(apps.url(0) + "/hello", session));
			figures.put(READS_AUTHENTICATED,
					(double) this.lastCounts.getOrDefault("hgetall", 0L) / this.scale.commandSamples());
			figures.put(COMMANDS_ANONYMOUS, commandsPerGet(apps.url(0) + "/public", null));
			warmUp(apps.url(0) + "/hello", session);
			warmUp(apps.url(0) + "/public", null);
			warmUp(apps.url(0) + "/public", session);
			// every kind warmed up first; then the signed-in page, the anonymous one and
			// the same handler signed in, in that order every round
			this.redis.configResetstat();
			Load authenticated = load(apps.url(0) + "/hello", session);
			figures.put(COMMANDS_UNDER_LOAD,
					(double) commandCount("the authenticated load") / Math.max(1, authenticated.count()));
			Load anonymous = load(apps.url(0) + "/public", null);
			// the same handler and the same bytes, signed in: only what signing in costs
			Load sameSignedIn = load(apps.url(0) + "/public", session);
			figures.put(THROUGHPUT_AUTHENTICATED, authenticated.perSecond());
			figures.put(P50_AUTHENTICATED, authenticated.p50());
			figures.put(P99_AUTHENTICATED, authenticated.p99());
			figures.put(THROUGHPUT_ANONYMOUS, anonymous.perSecond());
			figures.put(P99_ANONYMOUS, anonymous.p99());
			figures.put(AUTHENTICATED_TO_ANONYMOUS, authenticated.perSecond() / anonymous.perSecond());
			figures.put(SAME_SIGNED_IN, sameSignedIn.perSecond());
			figures.put(SAME_P99_SIGNED_IN, sameSignedIn.p99());
			figures.put(SAME_RATIO, sameSignedIn.perSecond() / anonymous.perSecond());
			figures.put(LOAD_ERRORS, (double) (authenticated.errors() + anonymous.errors() + sameSignedIn.errors()));
			if (!setup.full()) {
				return figures;
			}
			int jwks = this.provider.jwksRequests();
			this.redis.configResetstat();
			figures.put(LOGINS, loginsPerSecond(setup, apps));
			figures.put(COMMANDS_LOGIN, (double) commandCount("login") / this.scale.logins());
			figures.put(JWKS_PER_LOGIN, (double) (this.provider.jwksRequests() - jwks) / this.scale.logins());
			refresh(setup, apps, figures);
		}
		this.provider.stop();
		try {
			figures.put(STARTUP_DOWN, startup(setup, STARTUP_DOWN));
		}
		finally {
			this.provider.start();
		}
		return figures;
	}

	/**
	 * Why figures could not be measured: "does not start" says nothing without the
	 * reason.
	 * @return notes by "setup: figure"
	 */
	Map<String, String> notes() {
		return this.notes;
	}

	private double startup(Setup setup, String figure) {
		long start = System.nanoTime();
		ConfigurableApplicationContext context;
		try {
			Map<String, Object> properties = setup.properties(this.provider);
			properties.put("server.port", "0");
			properties.put("server.address", "127.0.0.1");
			properties.put("spring.main.banner-mode", "off");
			context = new SpringApplicationBuilder(setup.application()).properties(properties).run();
		}
		catch (RuntimeException ex) {
			this.notes.put(setup.name() + ": " + figure, "does not start: " + rootCause(ex));
			return Double.NaN;
		}
		try {
			String url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/public";
			int status = get(url, null).statusCode();
			if (status != 200) {
				this.notes.put(setup.name() + ": " + figure, "started, but its first answer was " + status);
				return Double.NaN;
			}
			return (System.nanoTime() - start) / 1e6;
		}
		catch (Exception ex) {
			this.notes.put(setup.name() + ": " + figure, "started, but did not answer: " + rootCause(ex));
			return Double.NaN;
		}
		finally {
			context.close();
		}
	}

	/**
	 * Every key one signed-in session leaves in an otherwise empty Redis (the session,
	 * and for the starter its back-channel index sets), in bytes as Redis stores them
	 * ({@code STRLEN}/{@code HSTRLEN}: decoded strings would miscount binary values), and
	 * as Redis accounts for them ({@code MEMORY USAGE}, with its own overhead).
	 */
	private void sessionFootprint(Setup setup, AppInstances apps, Map<String, Double> figures) {
		RedisCommands<String, String> commands = this.redis;
		commands.flushall();
		login(setup, apps);
		long bytes = 0;
		long memory = 0;
		long fields = 0;
		int keys = 0;
		for (String key : commands.keys("*")) {
			if (key.startsWith("auth:flow:") || key.startsWith("capped:")) {
				// the login-start rate counters: per client and minute, not per session
				continue;
			}
			keys++;
			bytes += key.getBytes(StandardCharsets.UTF_8).length;
			Long usage = commands.memoryUsage(key);
			memory += (usage != null) ? usage : 0;
			switch (commands.type(key)) {
				case "hash" -> {
					for (String field : commands.hkeys(key)) {
						bytes += field.getBytes(StandardCharsets.UTF_8).length + commands.hstrlen(key, field);
						fields++;
					}
				}
				case "set" -> {
					for (String member : commands.smembers(key)) {
						// members are session ids: ASCII
						bytes += member.getBytes(StandardCharsets.UTF_8).length;
						fields++;
					}
				}
				case "string" -> {
					bytes += commands.strlen(key);
				}
				default -> throw new IllegalStateException(setup.name() + ": a session key of an unexpected type: "
						+ key + " (" + commands.type(key) + ")");
			}
		}
		figures.put(SESSION_BYTES, (double) bytes);
		figures.put(SESSION_MEMORY, (double) memory);
		figures.put(SESSION_KEYS, (double) keys);
		figures.put(SESSION_FIELDS, (double) fields);
	}

	private double commandsPerGet(String url, @Nullable String session) throws Exception {
		RedisCommands<String, String> commands = this.redis;
		get(url, session);
		commands.configResetstat();
		int requests = this.scale.commandSamples();
		for (int i = 0; i < requests; i++) {
			get(url, session);
		}
		return (double) commandCount("GET " + url.replaceAll("http://[^/]*", "")) / requests;
	}

	/**
	 * The commands Redis ran since the last {@code CONFIG RESETSTAT}, without the
	 * {@code INFO} and {@code CONFIG} of the harness; prints them by command.
	 */
	private long commandCount(String what) {
		long calls = 0;
		Map<String, Long> perCommand = new TreeMap<>();
		for (String line : this.redis.info("commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info") && !line.startsWith("cmdstat_config")) {
				String count = line.substring(line.indexOf("calls=") + 6);
				long n = Long.parseLong(count.substring(0, count.indexOf(',')));
				calls += n;
				perCommand.put(line.substring("cmdstat_".length(), line.indexOf(':')), n);
			}
		}
		if (calls > 0) {
			System.out.println("Redis commands for " + what + ": " + perCommand);
		}
		this.lastCounts = perCommand;
		return calls;
	}

	private void warmUp(String url, @Nullable String session) throws Exception {
		for (int i = 0; i < 200; i++) {
			get(url, session);
		}
	}

	/**
	 * One throughput run: {@code wrk} in a process of its own when it is installed, else
	 * the harness's own Java clients.
	 */
	private Load load(String url, @Nullable String session) throws Exception {
		if (Wrk.available()) {
			return Wrk.load(url, session, this.scale.threads(), this.scale.loadDuration());
		}
		int threads = this.scale.threads();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		AtomicBoolean running = new AtomicBoolean(true);
		List<Future<List<Double>>> workers = new ArrayList<>();
		AtomicInteger errors = new AtomicInteger();
		Map<String, Integer> why = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			workers.add(executor.submit(() -> {
				List<Double> latencies = new ArrayList<>();
				while (running.get()) {
					long sent = System.nanoTime();
					String failure;
					try {
						int status = get(url, session).statusCode();
						failure = (status == 200) ? null : "status " + status;
					}
					catch (IOException ex) {
						failure = ex.getClass().getSimpleName();
					}
					if (failure == null) {
						latencies.add((System.nanoTime() - sent) / 1e6);
					}
					else {
						errors.incrementAndGet();
						why.merge(failure, 1, Integer::sum);
					}
				}
				return latencies;
			}));
		}
		Thread.sleep(this.scale.loadDuration().toMillis());
		running.set(false);
		List<Double> all = new ArrayList<>();
		for (Future<List<Double>> worker : workers) {
			all.addAll(worker.get());
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		executor.shutdown();
		Collections.sort(all);
		if (errors.get() > 0) {
			System.out.println("Failed requests in the throughput run of " + url + ": " + why);
		}
		return new Load(all.size() / seconds, percentile(all, 50), percentile(all, 99), errors.get(),
				all.size() + errors.get());
	}

	private double loginsPerSecond(Setup setup, AppInstances apps) {
		int logins = this.scale.logins();
		long start = System.nanoTime();
		int done = 0;
		for (int i = 0; i < logins; i++) {
			try (Browser browser = new Browser()) {
				int status = browser.login(apps.url(0) + setup.loginPath(), "alice", apps.url(1)).statusCode();
				done += (status == 302 && browser.cookie("SESSION") != null) ? 1 : 0;
			}
		}
		return done / ((System.nanoTime() - start) / 1e9);
	}

	private void refresh(Setup setup, AppInstances apps, Map<String, Double> figures) throws Exception {
		String session = login(setup, apps);
		String single = login(setup, apps);
		// both instances have the tokens; then let the access token expire
		get(apps.url(0) + "/api/token", session);
		get(apps.url(1) + "/api/token", session);
		get(apps.url(0) + "/api/token", single);
		Thread.sleep(this.scale.accessTokenLifetime().plusMillis(500).toMillis());
		this.redis.configResetstat();
		get(apps.url(0) + "/api/token", single);
		figures.put(COMMANDS_REFRESHING, (double) commandCount("a GET that refreshes"));
		int burst = this.scale.burst();
		ExecutorService executor = Executors.newFixedThreadPool(burst);
		int before = this.provider.refreshGrants();
		List<Future<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < burst; i++) {
			String url = apps.url(i % 2) + "/api/token";
			answers.add(executor.submit(() -> get(url, session).statusCode()));
		}
		int failed = 0;
		for (Future<Integer> answer : answers) {
			failed += (answer.get() == 200) ? 0 : 1;
		}
		executor.shutdown();
		figures.put(REFRESH_GRANTS, (double) (this.provider.refreshGrants() - before));
		figures.put(REFRESH_FAILURES, (double) failed);
	}

	private static String login(Setup setup, AppInstances apps) {
		try (Browser browser = new Browser()) {
			browser.login(apps.url(0) + setup.loginPath(), "alice", apps.url(1));
			String session = browser.cookie("SESSION");
			if (session == null) {
				throw new IllegalStateException(setup.name() + ": login gave no session");
			}
			return session;
		}
	}

	private HttpResponse<String> get(String url, @Nullable String session) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (session != null) {
			request.header("Cookie", "SESSION=" + session);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static double percentile(List<Double> sorted, int percentile) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = String.valueOf(cause.getMessage()).replaceAll("\\s+", " ");
		return cause.getClass().getSimpleName() + ": " + message.substring(0, Math.min(message.length(), 160));
	}

	/**
	 * One throughput run.
	 *
	 * @param perSecond requests answered per second
	 * @param p50 median latency in ms
	 * @param p99 99th percentile latency in ms
	 * @param errors requests that failed or did not answer 200
	 * @param count requests sent
	 */
	record Load(double perSecond, double p50, double p99, int errors, long count) {
	}

	/**
	 * How much each scenario does.
	 *
	 * @param rounds rounds of A B (alternating which goes first)
	 * @param commandSamples GETs counted for commands per GET
	 * @param threads concurrent clients of the throughput run
	 * @param loadDuration length of each throughput run
	 * @param logins logins timed per round
	 * @param burst concurrent requests on an expired token
	 * @param accessTokenLifetime the provider's access token lifetime
	 * @param warmUp whether an unrecorded pass of both sides comes first
	 */
	record Scale(int rounds, int commandSamples, int threads, Duration loadDuration, int logins, int burst,
			Duration accessTokenLifetime, boolean warmUp) {

		static final Scale SMOKE = new Scale(1, 5, 2, Duration.ofMillis(500), 2, 50, Duration.ofSeconds(3), false);

		static final Scale FULL = new Scale(Integer.getInteger("bench.rounds", 3), 100, 8, Duration.ofSeconds(5), 20,
				50, Duration.ofSeconds(3), true);

	}

}
