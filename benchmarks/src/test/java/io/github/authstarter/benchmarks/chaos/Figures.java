package io.github.authstarter.benchmarks.chaos;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.benchmarks.chaos.FaultWindow.Fault;

/**
 * The run's figures, as rows of the RESULTS table.
 */
final class Figures {

	private Figures() {
	}

	static List<String[]> of(Ledger ledger, Map<String, Long> provider, DownstreamApi downstream, double elapsed) {
		List<String[]> rows = new ArrayList<>();
		long requests = 0;
		for (int second = 0; second <= ledger.seconds(); second++) {
			requests += ledger.requests(second);
		}
		rows.add(row("load", "%.0f s, %.1f requests/s".formatted(elapsed, requests / elapsed)));
		rows.add(row("requests to the instances", String.valueOf(requests)));
		rows.add(row("sign-ins (first device / second device)",
				ledger.countOf("logins") + " / " + ledger.countOf("second-device logins")));
		rows.add(row("signed-in requests answered 200", String.valueOf(ledger.countOf("signed-in requests"))));
		rows.add(row("downstream API calls accepted", String.valueOf(downstream.accepted())));
		rows.add(row("refresh grants at the provider", String.valueOf(provider.getOrDefault("refreshGrants", -1L))));
		rows.add(row("forced refreshes (answered / sent)",
				ledger.countOf("forced refreshes") + " / " + ledger.countOf("forced refreshes sent")));
		rows.add(row("logouts / back-channel logouts / second devices ended", ledger.countOf("logouts") + " / "
				+ ledger.countOf("back-channel logouts") + " / " + ledger.countOf("other sessions ended")));
		Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
		ledger.faults().forEach((window) -> injected.merge(window.kind(), 1, Integer::sum));
		for (Fault fault : Fault.values()) {
			rows.add(row("faults: " + fault.label(), String.valueOf(injected.getOrDefault(fault, 0))));
		}
		double inside = ledger.faults().stream().mapToDouble((window) -> window.end() - window.start()).sum();
		rows.add(row("time inside fault windows", "%.0f s (%.0f %%)".formatted(inside, 100 * inside / elapsed)));
		float[] calm = ledger.latencies(false);
		float[] stormy = ledger.latencies(true);
		rows.add(row("latency p50 / p99 after warm-up, outside fault windows (ms)",
				"%.1f / %.1f".formatted(percentile(calm, 50), percentile(calm, 99))));
		rows.add(row("latency p50 / p99 after warm-up, inside fault windows (ms)",
				"%.1f / %.1f".formatted(percentile(stormy, 50), percentile(stormy, 99))));
		List<Ledger.Slow> slow = ledger.slowOutsideFaults();
		rows.add(row("answers over 1 s outside fault windows",
				slow.size() + slow.stream()
					.limit(3)
					.map((answer) -> "%s at %.0f s, %.0f ms".formatted(answer.what(), answer.sent(),
							(answer.answered() - answer.sent()) * 1000))
					.reduce("", (a, b) -> a + "; " + b)));
		ledger.counts()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("unexpected") || entry.getKey().startsWith("virtual user")
					|| entry.getKey().contains("failed") || entry.getKey().contains("refused"))
			.forEach((entry) -> rows.add(row(entry.getKey(), String.valueOf(entry.getValue()))));
		return rows;
	}

	static double percentile(float[] sorted, int percentile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
	}

	private static String[] row(String label, String value) {
		return new String[] { label, value };
	}

}
