package io.github.authstarter.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * {@code wrk} (Debian's package; {@code benchmarks/run.sh} installs it when it can), the
 * load generator in a process of its own, so the applications under test never share a
 * JVM, a heap or a garbage collector with the client that loads them.
 */
final class Wrk {

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");

	private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s)",
			Pattern.MULTILINE);

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final @Nullable String EXECUTABLE = find();

	private Wrk() {
	}

	/**
	 * Whether {@code wrk} is on the {@code PATH}.
	 * @return whether it can be used
	 */
	static boolean available() {
		return EXECUTABLE != null;
	}

	/**
	 * What generates the load, for the results.
	 * @return a description
	 */
	static String description() {
		if (EXECUTABLE == null) {
			return "the harness's Java HTTP clients, in the applications' JVM (wrk was not found)";
		}
		try {
			Process version = new ProcessBuilder(EXECUTABLE, "-v").redirectErrorStream(true).start();
			String first = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
				.findFirst()
				.orElse("wrk");
			version.waitFor(5, TimeUnit.SECONDS);
			return "`" + first.replaceAll("\\s+Copyright.*", "") + "` in a process of its own";
		}
		catch (IOException ex) {
			return "wrk";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "wrk";
		}
	}

	/**
	 * Loads a URL and reads wrk's report.
	 * @param url the URL
	 * @param session the {@code SESSION} cookie, or {@code null} for anonymous requests
	 * @param connections open connections (and at most 2 threads)
	 * @param duration how long
	 * @return throughput, p50, p99 and failed requests
	 */
	static Comparison.Load load(String url, @Nullable String session, int connections, Duration duration)
			throws IOException, InterruptedException {
		if (EXECUTABLE == null) {
			throw new IllegalStateException("wrk is not available");
		}
		List<String> command = new ArrayList<>(
				List.of(EXECUTABLE, "-t", String.valueOf(Math.min(2, connections)), "-c", String.valueOf(connections),
						"-d", Math.max(1, duration.toSeconds()) + "s", "--latency", "--timeout", "10s"));
		if (session != null) {
			command.addAll(List.of("-H", "Cookie: SESSION=" + session));
		}
		command.add(url);
		Path output = Files.createTempFile("wrk", ".txt");
		try {
			Process wrk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			if (!wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
				wrk.destroyForcibly();
				throw new IllegalStateException("wrk did not finish");
			}
			String report = Files.readString(output);
			if (wrk.exitValue() != 0) {
				throw new IllegalStateException("wrk failed: " + report);
			}
			return parse(report);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	static Comparison.Load parse(String report) {
		Matcher requests = REQUESTS.matcher(report);
		if (!requests.find()) {
			throw new IllegalStateException("wrk's report has no request count: " + report);
		}
		double seconds = millis(Double.parseDouble(requests.group(2)), requests.group(3)) / 1000;
		long count = Long.parseLong(requests.group(1));
		double p50 = Double.NaN;
		double p99 = Double.NaN;
		Matcher percentile = PERCENTILE.matcher(report);
		while (percentile.find()) {
			double value = millis(Double.parseDouble(percentile.group(2)), percentile.group(3));
			if (percentile.group(1).equals("50")) {
				p50 = value;
			}
			else {
				p99 = value;
			}
		}
		int errors = 0;
		Matcher non2xx = NON_2XX.matcher(report);
		if (non2xx.find()) {
			errors += Integer.parseInt(non2xx.group(1));
		}
		Matcher socket = SOCKET_ERRORS.matcher(report);
		if (socket.find()) {
			for (int group = 1; group <= 4; group++) {
				errors += Integer.parseInt(socket.group(group));
			}
		}
		if (errors > 0) {
			System.out.println("wrk reported failures: " + report);
		}
		return new Comparison.Load(count / seconds, p50, p99, errors, count);
	}

	private static double millis(double value, String unit) {
		return switch (unit) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			case "m" -> value * 60_000;
			default -> value;
		};
	}

	private static @Nullable String find() {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "wrk");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

}
