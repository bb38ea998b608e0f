package io.github.authstarter.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;
import io.github.authstarter.benchmarks.chaos.SoakReport;
import org.jspecify.annotations.Nullable;

/**
 * Collects the figures of every round and renders them as one table: median and range per
 * side, and the ratio of the medians.
 */
final class Results {

	private final Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();

	private final Map<String, String> notes = new LinkedHashMap<>();

	void note(String what, String why) {
		this.notes.put(what, why);
	}

	Map<String, String> notes() {
		return this.notes;
	}

	/**
	 * Whether the two sides' ranges over the rounds overlap: if they do, the ratio of the
	 * medians is no claim that one side is faster.
	 * @param figure the figure
	 * @return whether the ranges overlap
	 */
	boolean rangesOverlap(String figure) {
		List<Double> stockValues = this.figures.get(figure).get(Setup.STOCK.name());
		List<Double> starterValues = this.figures.get(figure).get(Setup.STARTER.name());
		if (stockValues == null || starterValues == null) {
			return false;
		}
		List<Double> stock = sorted(stockValues);
		List<Double> starter = sorted(starterValues);
		if (stock.stream().anyMatch((v) -> v.isNaN()) || starter.stream().anyMatch((v) -> v.isNaN())) {
			return false;
		}
		return stock.get(0) <= starter.get(starter.size() - 1) && starter.get(0) <= stock.get(stock.size() - 1);
	}

	private static List<Double> sorted(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted;
	}

	void add(Setup setup, Map<String, Double> round) {
		round.forEach((figure, value) -> this.figures.computeIfAbsent(figure, (f) -> new LinkedHashMap<>())
			.computeIfAbsent(setup.name(), (s) -> new ArrayList<>())
			.add(value));
	}

	double median(String figure, Setup setup) {
		List<Double> measured = this.figures.getOrDefault(figure, Map.of()).get(setup.name());
		if (measured == null) {
			return Double.NaN;
		}
		List<Double> values = new ArrayList<>(measured);
		Collections.sort(values);
		return values.get(values.size() / 2);
	}

	List<Double> values(String figure, Setup setup) {
		return this.figures.get(figure).get(setup.name());
	}

	String table() {
		StringBuilder table = new StringBuilder();
		List<Setup> extra = Setup.EXTRA.stream()
			.filter((setup) -> this.figures.values().stream().anyMatch((sides) -> sides.containsKey(setup.name())))
			.toList();
		table.append("| figure | stock | starter | starter / stock | ranges overlap |");
		extra.forEach((setup) -> table.append(' ').append(setup.name()).append(" |"));
		table.append("\n|---|---|---|---|---|").append("---|".repeat(extra.size())).append('\n');
		this.figures.forEach((figure, sides) -> {
			double stock = median(figure, Setup.STOCK);
			double starter = median(figure, Setup.STARTER);
			table.append("| ")
				.append(figure)
				.append(" | ")
				.append(cell(sides.get("stock")))
				.append(" | ")
				.append(cell(sides.get("starter")))
				.append(" | ")
				.append((Double.isNaN(stock) || Double.isNaN(starter) || stock == 0) ? "n/a"
						: String.format("%.2f", starter / stock))
				.append(" | ")
				.append(rangesOverlap(figure) ? "yes" : "no")
				.append(" |");
			extra.forEach((setup) -> table.append(' ').append(cell(sides.get(setup.name()))).append(" |"));
			table.append('\n');
		});
		return table.toString();
	}

	void write(Path file, int rounds) throws IOException {
		// the chaos soak's section is written by its own run
		String soak = SoakReport.kept(file);
		String machine = Runtime.getRuntime().availableProcessors() + " cores, "
				+ (((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 30)
				+ " GiB, " + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
				+ System.getProperty("java.version");
		Files.writeString(file, """
				# Benchmark results: stock Spring Boot vs the starter

				Written by `benchmarks/run.sh` on %s (%s), %d rounds alternating
				stock and starter (A B, then B A, ...). Each cell is the median, with the range
				over the rounds in brackets; "fails" means the application did not start, "–"
				that the figure is not measured for that side. The applications run in one JVM
				with the OpenID Provider (Spring Authorization Server), against one Redis, as
				two instances on loopback ports; the throughput runs' load comes from %s.
				"starter + cache" is the starter with `auth.session.client-cache.enabled=true`
				(read barrier on, the default), "no barrier" with
				`auth.session.client-cache.read-barrier=false`, "starter + DPoP" with
				`auth.providers.test.dpop=required` (a key pair per sign-in, tokens bound to
				it; measured on the session, the login and the refresh). What each figure measures is
				described in [`README.md`](README.md).

				%s
				%s""".formatted(LocalDate.now(), machine, rounds, Wrk.description(), table(), notesSection())
				+ (soak.isEmpty() ? "" : "\n" + soak));
	}

	private String notesSection() {
		if (this.notes.isEmpty()) {
			return "";
		}
		StringBuilder section = new StringBuilder("\nWhy some figures could not be measured:\n\n");
		this.notes.forEach((what, why) -> section.append("- ").append(what).append(": ").append(why).append('\n'));
		return section.toString();
	}

	private static String cell(@Nullable List<Double> values) {
		if (values == null) {
			return "–";
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		double median = sorted.get(sorted.size() / 2);
		if (Double.isNaN(median)) {
			return "fails";
		}
		String format = (Math.abs(median) >= 100) ? "%.0f" : "%.2f";
		String cell = String.format(format, median);
		if (sorted.size() > 1) {
			cell += " [" + String.format(format, sorted.get(0)) + "–"
					+ String.format(format, sorted.get(sorted.size() - 1)) + "]";
		}
		return cell;
	}

}
