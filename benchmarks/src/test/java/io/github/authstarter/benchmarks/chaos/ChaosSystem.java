package io.github.authstarter.benchmarks.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;

import io.github.authstarter.test.server.FreePorts;
import io.github.authstarter.test.server.TestOpenIdProvider;
import org.jspecify.annotations.Nullable;

/**
 * Everything the load runs against, each part an OS process of its own: three instances
 * of {@link ChaosApplication} (small heaps), Redis with Sentinel or Cluster, the
 * {@link ChaosProvider}; and the {@link DownstreamApi} in the harness. It knows which
 * instances are up, as a load balancer's health checks would.
 */
final class ChaosSystem implements AutoCloseable {

	static final int INSTANCES = 3;

	/** The access tokens' lifetime: short, so that refreshes happen all the time. */
	static final int ACCESS_TOKEN_SECONDS = 20;

	/**
	 * A refresh before this much time is left is early: the starter refreshes within half
	 * the lifetime (its 60 s skew is longer), plus 2 s for a request in flight.
	 */
	static final int REFRESH_WINDOW_SECONDS = ACCESS_TOKEN_SECONDS / 2 + 2;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Path logs;

	private final List<JavaProcess> apps = new ArrayList<>();

	private final int[] appPorts = new int[INSTANCES];

	/** 1 when an instance takes requests. */
	private final AtomicIntegerArray up = new AtomicIntegerArray(INSTANCES);

	private ChaosRedis redis;

	private JavaProcess provider;

	private int providerPort;

	private int controlPort;

	private DownstreamApi downstream;

	private final String controlSecret = UUID.randomUUID().toString();

	private final boolean cluster;

	private ChaosSystem(Path logs, boolean cluster) {
		this.logs = logs;
		this.cluster = cluster;
	}

	static ChaosSystem start(Path logs, int users, boolean cluster) {
		ChaosSystem system = new ChaosSystem(logs, cluster);
		try {
			system.startAll(users);
			return system;
		}
		catch (RuntimeException ex) {
			system.close();
			throw ex;
		}
	}

	private void startAll(int users) {
		this.redis = this.cluster ? new ClusterRedis(this.logs) : new SentinelRedis(this.logs);
		this.providerPort = FreePorts.find();
		this.controlPort = FreePorts.find();
		this.provider = JavaProcess.start("provider", "768m", ChaosProvider.class, this.logs,
				List.of(String.valueOf(this.providerPort), String.valueOf(this.controlPort), String.valueOf(users),
						String.valueOf(ACCESS_TOKEN_SECONDS), String.valueOf(REFRESH_WINDOW_SECONDS),
						this.controlSecret));
		await(() -> providerStats().containsKey("refreshGrants"), "the provider");
		this.downstream = DownstreamApi.start(issuer());
		for (int i = 0; i < INSTANCES; i++) {
			this.appPorts[i] = FreePorts.find();
			this.apps.add(JavaProcess.start("app-" + i, "128m", ChaosApplication.class, this.logs, arguments(i)));
		}
		for (int i = 0; i < INSTANCES; i++) {
			awaitHealthy(i);
		}
	}

	private List<String> arguments(int instance) {
		Map<String, Object> properties = new LinkedHashMap<>(this.redis.properties());
		properties.put("server.port", this.appPorts[instance]);
		properties.put("server.address", "127.0.0.1");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "info");
		properties.put("auth.providers.test.issuer-uri", issuer());
		properties.put("auth.providers.test.client-id", TestOpenIdProvider.CLIENT_ID);
		properties.put("auth.providers.test.client-secret", TestOpenIdProvider.CLIENT_SECRET);
		properties.put("auth.providers.test.scopes", "openid,profile,email");
		// the sign-in's own token, with a scope the sign-in asks for anyway
		properties.put("auth.providers.test.apis.downstream.grant", "login");
		properties.put("auth.providers.test.apis.downstream.scopes", "email");
		properties.put("auth.providers.test.apis.downstream.base-url", this.downstream.baseUrl());
		// every virtual user comes from 127.0.0.1
		properties.put("auth.flow.max-starts-per-client-per-minute", "1000000");
		properties.put("auth.flow.max-starts-per-minute", "1000000");
		return properties.entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue()).toList();
	}

	String url(int instance) {
		return "http://127.0.0.1:" + this.appPorts[instance];
	}

	String issuer() {
		return "http://localhost:" + this.providerPort;
	}

	/** A random instance among those up, as a load balancer picks one. */
	int anyUp() {
		List<Integer> candidates = upInstances();
		return candidates.isEmpty() ? 0 : candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
	}

	List<Integer> upInstances() {
		List<Integer> candidates = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			if (this.up.get(i) == 1) {
				candidates.add(i);
			}
		}
		return candidates;
	}

	JavaProcess app(int instance) {
		return this.apps.get(instance);
	}

	void markDown(int instance) {
		this.up.set(instance, 0);
	}

	/** Starts a killed instance again on its port and waits until it answers. */
	void restart(int instance) {
		this.apps.get(instance).start();
		awaitHealthy(instance);
	}

	ChaosRedis redis() {
		return this.redis;
	}

	DownstreamApi downstream() {
		return this.downstream;
	}

	Path logs() {
		return this.logs;
	}

	/** The provider's counters. */
	Map<String, Long> providerStats() {
		Map<String, Long> stats = new LinkedHashMap<>();
		String body = control("GET", "/stats");
		for (String line : body.split("\n")) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				stats.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1)));
			}
		}
		return stats;
	}

	/**
	 * Where Redis holds a session now, for an event that needs explaining.
	 * @param cookie the session cookie's value
	 * @param subject the user, to say whether the session index names the session, or
	 * {@code null}
	 * @return each data node's role, whether it has the session's key, and whether its
	 * part of the index names it
	 */
	String whereIs(@Nullable String cookie, @Nullable String subject) {
		return SessionWhereabouts.of(this.redis, cookie, subject);
	}

	/**
	 * The provider's log of refresh-token reuses.
	 * @return each reuse as user, retired-at and presented-at (epoch milliseconds)
	 */
	List<String[]> providerReuses() {
		return control("GET", "/reuses").lines()
			.filter((line) -> !line.isBlank())
			.map((line) -> line.split(" "))
			.toList();
	}

	/**
	 * Calls the provider's control port.
	 * @param method the method
	 * @param pathAndQuery such as {@code /stop?seconds=10}
	 * @return the answer, or {@code ""} when there was none
	 */
	String control(String method, String pathAndQuery) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.controlPort + pathAndQuery))
					.method(method, HttpRequest.BodyPublishers.noBody())
					.header(ChaosProvider.SECRET_HEADER, this.controlSecret)
					.timeout(Duration.ofSeconds(20))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	private void awaitHealthy(int instance) {
		JavaProcess app = this.apps.get(instance);
		await(() -> {
			if (!app.alive()) {
				throw new IllegalStateException("Instance " + instance + " exited; see " + app.log());
			}
			return status(url(instance) + "/public") == 200;
		}, "instance " + instance);
		this.up.set(instance, 1);
	}

	private int status(String url) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	private static void await(BooleanSupplier ready, String what) {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (!ready.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(what + " did not start within 3 minutes");
			}
			sleep(200);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	@Override
	public void close() {
		for (JavaProcess app : this.apps) {
			app.resume();
			app.kill();
		}
		if (this.provider != null) {
			this.provider.kill();
		}
		if (this.downstream != null) {
			this.downstream.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

}
