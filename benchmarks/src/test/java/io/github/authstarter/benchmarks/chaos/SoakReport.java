package io.github.authstarter.benchmarks.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import com.sun.management.OperatingSystemMXBean;

/**
 * The soak's RESULTS section: the settings, one row per invariant and the figures, with
 * the timeline plot beside it. It lives between two markers in {@code RESULTS.md}, which
 * the comparison keeps when it rewrites the rest.
 */
public final class SoakReport {

	static final String BEGIN = "<!-- chaos-soak:begin -->";

	static final String END = "<!-- chaos-soak:end -->";

	static final String CLUSTER_BEGIN = "<!-- chaos-soak-cluster:begin -->";

	static final String CLUSTER_END = "<!-- chaos-soak-cluster:end -->";

	private SoakReport() {
	}

	/**
	 * Prints one line per invariant, and writes the timeline plot and the RESULTS
	 * section.
	 * @param verdict the run's verdict
	 * @param options what ran
	 * @param results the RESULTS file to put the section in
	 * @param plot the PNG file, beside the RESULTS file
	 */
	public static void publish(Verdict verdict, ChaosSoak.Options options, Path results, Path plot) {
		System.out.println();
		System.out.println("Chaos soak, " + options.users() + " virtual users, " + options.seconds() + " s:");
		verdict.lines().forEach(System.out::println);
		TimelinePlot.write(verdict.ledger(), verdict.elapsed(), plot);
		String section = section(verdict, options, plot.getFileName().toString());
		write(results, section, options.cluster() ? CLUSTER_BEGIN : BEGIN, options.cluster() ? CLUSTER_END : END);
		System.out.println("Written to " + results.toAbsolutePath() + " and " + plot.toAbsolutePath());
	}

	static String section(Verdict verdict, ChaosSoak.Options options, String plot) {
		StringBuilder text = new StringBuilder();
		text.append(options.cluster() ? CLUSTER_BEGIN + "\n## Chaos soak on Redis Cluster\n\n"
				: BEGIN + "\n## Chaos soak\n\n");
		text.append(
				"Written by `benchmarks/run.sh ChaosSoak --minutes %s%s` on %s at %s (%s): %d virtual users against 3 "
					.formatted(minutes(options.seconds()), options.cluster() ? " --cluster" : "", LocalDate.now(),
							commit(), machine(), options.users()));
		text.append(
				"""
						instances (each a JVM of its own, `-Xmx128m`), %s, the test OpenID Provider in a JVM of its own (20 s access tokens,
						refresh-token rotation with reuse detection) and a downstream API that checks every token.
						One fault at a time, in turn, each next one %d ± %.1f s after the previous one ended: `kill -9` of an instance and its restart,
						%s, the provider stopped for 10 s, an instance stopped (`SIGSTOP`) for 2 to 3.5 s while it
						holds a session's refresh lock with its grant in flight. A fault window lasts until the
						system is whole again; a 503 or an unanswered request counts as inside it up to %.0f s later.
						What each invariant means: [`README.md`](README.md#chaos-soak).

						| invariant | verdict | figures |
						|---|---|---|
						"""
					.formatted(
							options.cluster() ? "Redis Cluster (3 masters with a replica each: 6 processes)"
									: "Redis with Sentinel (master, replica, 3 sentinels: 5 processes)",
							options.spacingSeconds(), options.spacingSeconds() / 4.0,
							options.cluster()
									? "`kill -9` of a Redis master, each in turn (its replica takes over its slots; the old master returns as that one's replica)"
									: "`kill -9` of the Redis master (Sentinel promotes the replica; the old master returns as replica)",
							FaultWindow.GRACE_SECONDS));
		for (Verdict.Invariant invariant : verdict.invariants()) {
			text.append("| %s | %s | %s |\n".formatted(invariant.name(), invariant.holds() ? "holds" : "**broken**",
					invariant.details().replace("|", "\\|")));
		}
		text.append("\n| figure | value |\n|---|---|\n");
		for (String[] row : verdict.figures()) {
			text.append("| %s | %s |\n".formatted(row[0], row[1]));
		}
		text.append("\nFaults, in seconds since the load started:\n\n");
		for (FaultWindow window : verdict.ledger().faults()) {
			text.append("- %.0f–%.0f s: %s (%s)%s\n".formatted(window.start(), window.end(), window.kind().label(),
					window.detail(), (window.kind() == FaultWindow.Fault.REDIS_MASTER_KILLED)
							? ", %d bytes the promoted replica never had".formatted(window.lostBytes()) : ""));
		}
		text.append("\n![The soak's timeline](")
			.append(plot)
			.append(")\n")
			.append(options.cluster() ? CLUSTER_END : END)
			.append("\n");
		return text.toString();
	}

	/**
	 * Puts a section into a RESULTS file, in place of the previous one.
	 * @param file the file
	 * @param section the new section
	 * @param begin its opening marker
	 * @param end its closing marker
	 */
	public static void write(Path file, String section, String begin, String end) {
		try {
			String current = Files.exists(file) ? Files.readString(file) : "";
			Files.writeString(file, withoutSection(current, begin, end).stripTrailing() + "\n\n" + section);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The soak's sections of a RESULTS file (Sentinel, then Cluster, then many tenants),
	 * for the comparison to keep when it rewrites the file.
	 * @param file the file
	 * @return the sections with their markers, or {@code ""}
	 */
	public static String kept(Path file) {
		try {
			if (!Files.exists(file)) {
				return "";
			}
			String current = Files.readString(file);
			// and the many-tenants benchmark's, which writes its own section the same way
			return section(current, BEGIN, END) + section(current, CLUSTER_BEGIN, CLUSTER_END)
					+ section(current, "<!-- many-tenants:begin -->", "<!-- many-tenants:end -->");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String section(String text, String opening, String closing) {
		int begin = text.indexOf(opening);
		int end = text.indexOf(closing);
		return (begin >= 0 && end > begin) ? text.substring(begin, end + closing.length()) + "\n" : "";
	}

	private static String withoutSection(String text, String opening, String closing) {
		int begin = text.indexOf(opening);
		int end = text.indexOf(closing);
		return (begin >= 0 && end > begin) ? text.substring(0, begin) + text.substring(end + closing.length()) : text;
	}

	private static String minutes(int seconds) {
		return (seconds % 60 == 0) ? String.valueOf(seconds / 60) : "%.1f".formatted(seconds / 60.0);
	}

	/** The commit the run was built from, with a mark when the tree had changes. */
	private static String commit() {
		try {
			Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true)
				.start();
			String described = new String(git.getInputStream().readAllBytes()).trim();
			return (git.waitFor() == 0 && !described.isEmpty()) ? "commit " + described : "an unknown commit";
		}
		catch (IOException ex) {
			return "an unknown commit";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "an unknown commit";
		}
	}

	private static String machine() {
		return Runtime.getRuntime().availableProcessors() + " cores, "
				+ (((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 30)
				+ " GiB, Java " + System.getProperty("java.version");
	}

}
