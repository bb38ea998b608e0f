package io.github.authstarter.benchmarks;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.benchmarks.starter.StarterApplication;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Where the CPU of a request goes: the same handler ({@code GET /public}, the same bytes
 * either way) served anonymously and signed in, each under load from wrk while
 * async-profiler samples the JVM. Writes a flame graph of each
 * ({@code benchmarks/profiles/*-flame.html}) and {@code benchmarks/PROFILE.md}: CPU per
 * request in the request threads and in the whole JVM, and the starter's own classes'
 * share of it, without the session cache, with it, and with it but no read barrier. Run
 * with {@code benchmarks/run.sh profile}. It asserts nothing about time.
 */
class ProfileBenchmark {

	private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("bench.profile-seconds", 15));

	/** Sampling interval: 1 ms of CPU time per sample. */
	private static final long INTERVAL_NANOS = 1_000_000;

	private static final Path OUTPUT = Path.of("profiles");

	/**
	 * Whose code a frame is, by package; the JDK's frames are charged to their caller.
	 */
	private static final Map<String, List<String>> CATEGORIES = categories();

	@Test
	void profile() throws Exception {
		Object profiler = profiler();
		TestOpenIdProvider provider = TestOpenIdProvider.create().start();
		Files.createDirectories(OUTPUT);
		StringBuilder report = new StringBuilder(introduction());
		Map<String, RoundTripCost> waits = new LinkedHashMap<>();
		try {
			// the default first, then with the session cache, then without its barrier
			for (ProfileMode mode : ProfileMode.values()) {
				Map<String, Object> properties = new HashMap<>(TestRedis.get().properties());
				properties.putAll(provider.clientProperties("test"));
				properties.put("auth.flow.max-starts-per-client-per-minute", "100000");
				properties.put("auth.session.client-cache.enabled", String.valueOf(mode != ProfileMode.DEFAULT));
				properties.put("auth.session.client-cache.read-barrier",
						String.valueOf(mode != ProfileMode.NO_BARRIER));
				properties.put("logging.level.root", "warn");
				String suffix = mode.suffix();
				Map<String, Profile> profiles = new LinkedHashMap<>();
				try (AppInstances apps = AppInstances.start(1, StarterApplication.class, properties);
						Browser browser = new Browser()) {
					browser.loginAs(apps.url(0) + "/auth/login/test", "alice");
					String session = browser.cookie("SESSION");
					String url = apps.url(0) + "/public";
					for (int warmUp = 0; warmUp < 2; warmUp++) {
						Wrk.load(url, null, 8, Duration.ofSeconds(5));
						Wrk.load(url, session, 8, Duration.ofSeconds(5));
					}
					profiles.put("anonymous", profile(profiler, "anonymous" + suffix, url, null));
					profiles.put("signed-in", profile(profiler, "signed-in" + suffix, url, session));
				}
				report.append(report(profiles, mode.heading(), suffix));
				Profile signedIn = profiles.get("signed-in");
				if (mode.waitName() != null && mode.waitingFrame() != null) {
					waits.put(mode.waitName(), RoundTripCost.read(signedIn.collapsed(), mode.waitingFrame(),
							signedIn.load().count(), INTERVAL_NANOS / 1000));
				}
			}
		}
		finally {
			provider.stop();
		}
		report.append(RoundTripCost.table(waits));
		Files.writeString(Path.of("PROFILE.md"), report);
		System.out.println(report);
	}

	private static Profile profile(Object profiler, String name, String url, @Nullable String session)
			throws Exception {
		// the stacks themselves stay in target/ for a closer look (not committed)
		Path collapsed = Files.createDirectories(Path.of("target", "profiles")).resolve(name + "-collapsed.txt");
		execute(profiler, "start,event=itimer,interval=" + INTERVAL_NANOS);
		Comparison.Load load;
		try {
			load = Wrk.load(url, session, 8, LOAD);
		}
		finally {
			execute(profiler, "stop");
		}
		execute(profiler, "flamegraph,dot,file=" + OUTPUT.resolve(name + "-flame.html").toAbsolutePath());
		execute(profiler, "collapsed,dot,file=" + collapsed.toAbsolutePath());
		return Profile.read(Files.readAllLines(collapsed), load);
	}

	private static String introduction() {
		return new StringBuilder().append("# Where a request's CPU goes\n\n")
			.append("Written by `benchmarks/run.sh profile` on ")
			.append(LocalDate.now())
			.append(" (")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, Java ")
			.append(System.getProperty("java.version"))
			.append("). The same handler (`GET /public`, the same bytes) under load from wrk (8 connections, ")
			.append(LOAD.toSeconds())
			.append(" s), anonymous and then signed in, without the session cache (the default), with it, ")
			.append("and with it but no read barrier, ")
			.append("sampled by async-profiler every 1 ms of CPU time (`itimer`). The rows by whose code ran count ")
			.append("only samples under Tomcat's `CoyoteAdapter.service` (a request's processing once Tomcat parsed ")
			.append("it). Each sample is charged to the code that was running: its nearest frame outside the JDK ")
			.append("(a `HashMap.get` called by the starter is the starter's), so the rows add up and a filter is ")
			.append("not charged for the chain it calls. \"All, in the JVM\" adds what the requests made other ")
			.append("threads do (the Redis client's event loop above all), and what the JVM itself did (garbage ")
			.append("collection, compilation). Redis and wrk run in processes of their own, on the same 2 cores.\n\n")
			.toString();
	}

	private static String report(Map<String, Profile> profiles, String heading, String suffix) {
		Profile anonymous = profiles.get("anonymous");
		Profile signedIn = profiles.get("signed-in");
		StringBuilder out = new StringBuilder();
		out.append("## ")
			.append(heading)
			.append("\n\n")
			.append("Flame graphs: [anonymous](profiles/anonymous")
			.append(suffix)
			.append("-flame.html), [signed in](profiles/signed-in")
			.append(suffix)
			.append("-flame.html).\n\n")
			.append("| µs of CPU per request | anonymous | signed in | difference |\n|---|---|---|---|\n");
		out.append(String.format("| requests per second | %.0f | %.0f | |%n", anonymous.load().perSecond(),
				signedIn.load().perSecond()));
		row(out, "all, in the JVM", anonymous.allSamples(), signedIn.allSamples(), anonymous, signedIn);
		row(out, "all, in request threads", anonymous.requestSamples(), signedIn.requestSamples(), anonymous, signedIn);
		for (String category : CATEGORIES.keySet()) {
			row(out, category, anonymous.byCategory().getOrDefault(category, 0L),
					signedIn.byCategory().getOrDefault(category, 0L), anonymous, signedIn);
		}
		row(out, "other", anonymous.byCategory().getOrDefault("other", 0L),
				signedIn.byCategory().getOrDefault("other", 0L), anonymous, signedIn);
		out.append("\nThe starter's own classes, by CPU per request charged to them:\n\n")
			.append("| class | anonymous | signed in |\n|---|---|---|\n");
		Set<String> classes = new HashSet<>(signedIn.byClass().keySet());
		classes.addAll(anonymous.byClass().keySet());
		classes.stream()
			.sorted((a, b) -> Long.compare(
					signedIn.byClass().getOrDefault(b, 0L) + anonymous.byClass().getOrDefault(b, 0L),
					signedIn.byClass().getOrDefault(a, 0L) + anonymous.byClass().getOrDefault(a, 0L)))
			.limit(25)
			.forEach((name) -> out.append(String.format("| `%s` | %.2f | %.2f |%n", name,
					anonymous.microsPerRequest(anonymous.byClass().getOrDefault(name, 0L)),
					signedIn.microsPerRequest(signedIn.byClass().getOrDefault(name, 0L)))));
		return out.append('\n').toString();
	}

	private static void row(StringBuilder out, String label, long anonymousSamples, long signedInSamples,
			Profile anonymous, Profile signedIn) {
		double a = anonymous.microsPerRequest(anonymousSamples);
		double b = signedIn.microsPerRequest(signedInSamples);
		out.append(String.format("| %s | %.1f | %.1f | %+.1f |%n", label, a, b, b - a));
	}

	private static Object profiler() throws Exception {
		// the native library comes in the bench profile's dependency, for linux-x64
		Class<?> type = Class.forName("one.profiler.AsyncProfiler");
		Path library = Files.createTempFile("libasyncProfiler", ".so");
		try (InputStream in = type.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
			if (in == null) {
				throw new IllegalStateException(
						"async-profiler's native library for linux-x64 is not on the class path");
			}
			Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
		}
		return type.getMethod("getInstance", String.class).invoke(null, library.toString());
	}

	private static void execute(Object profiler, String command) throws Exception {
		Method execute = profiler.getClass().getMethod("execute", String.class);
		execute.invoke(profiler, command);
	}

	/**
	 * Whose code a frame is, by package; the JDK's frames are charged to their caller.
	 */
	private static Map<String, List<String>> categories() {
		Map<String, List<String>> categories = new LinkedHashMap<>();
		categories.put("the starter", List.of("io.github.authstarter."));
		categories.put("Spring Session", List.of("org.springframework.session."));
		categories.put("Spring Security", List.of("org.springframework.security."));
		categories.put("Lettuce and Netty (Redis client)", List.of("io.lettuce.", "io.netty.", "reactor."));
		categories.put("Jackson", List.of("com.fasterxml.jackson.", "tools.jackson."));
		categories.put("Spring MVC and web", List.of("org.springframework.web.", "org.springframework.http."));
		categories.put("other Spring", List.of("org.springframework."));
		categories.put("Tomcat", List.of("org.apache."));
		return categories;
	}

	/**
	 * One profile: the collapsed stacks of a load, charged to whose code ran.
	 *
	 * @param load what wrk measured
	 * @param allSamples samples in the whole JVM
	 * @param requestSamples samples in request threads
	 * @param byCategory samples charged to each category
	 * @param byClass samples charged to each of the starter's classes
	 * @param collapsed the stacks themselves
	 */
	record Profile(Comparison.Load load, long allSamples, long requestSamples, Map<String, Long> byCategory,
			Map<String, Long> byClass, List<String> collapsed) {

		static Profile read(List<String> lines, Comparison.Load load) {
			long all = 0;
			long requests = 0;
			Map<String, Long> byCategory = new HashMap<>();
			Map<String, Long> byClass = new HashMap<>();
			for (String line : lines) {
				int space = line.lastIndexOf(' ');
				if (space < 0) {
					continue;
				}
				String stack = line.substring(0, space);
				long samples = Long.parseLong(line.substring(space + 1).strip());
				all += samples;
				// Tomcat's request threads: what serving the requests cost
				if (!stack.contains("org.apache.catalina.connector.CoyoteAdapter.service")) {
					continue;
				}
				requests += samples;
				String frame = owner(stack.split(";"));
				String category = category(frame);
				byCategory.merge(category, samples, Long::sum);
				if (frame.startsWith("io.github.authstarter.")) {
					String type = frame.substring(0, frame.lastIndexOf('.')).replace("io.github.authstarter.", "");
					// one row per class, its lambdas included
					byClass.merge(type.replaceAll("\\$\\$Lambda.*", ""), samples, Long::sum);
				}
			}
			return new Profile(load, all, requests, byCategory, byClass, lines);
		}

		/** The nearest frame to the leaf that is not the JDK's or the VM's. */
		private static String owner(String[] frames) {
			for (int i = frames.length - 1; i >= 0; i--) {
				String frame = frames[i];
				boolean jdk = frame.startsWith("java.") || frame.startsWith("javax.") || frame.startsWith("jdk.")
						|| frame.startsWith("sun.") || !frame.contains(".") || frame.contains("/")
						|| frame.startsWith("[");
				if (!jdk) {
					return frame;
				}
			}
			return "other";
		}

		private static String category(String frame) {
			for (Map.Entry<String, List<String>> category : CATEGORIES.entrySet()) {
				if (category.getValue().stream().anyMatch(frame::startsWith)) {
					return category.getKey();
				}
			}
			return "other";
		}

		double microsPerRequest(long samples) {
			return samples * (INTERVAL_NANOS / 1000.0) / Math.max(1, this.load.count());
		}

	}

}
