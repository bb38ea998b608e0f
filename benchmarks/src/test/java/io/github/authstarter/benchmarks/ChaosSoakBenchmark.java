package io.github.authstarter.benchmarks;

import java.nio.file.Path;

import io.github.authstarter.benchmarks.chaos.ChaosSoak;
import io.github.authstarter.benchmarks.chaos.SoakReport;
import io.github.authstarter.benchmarks.chaos.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos soak
 * ({@code benchmarks/run.sh ChaosSoak --minutes N [--users N] [--cluster]}): prints one
 * line per invariant, writes its section of {@code benchmarks/RESULTS.md} and
 * {@code benchmarks/chaos-soak.png} ({@code --cluster}: Redis Cluster instead of
 * Sentinel, its own section and {@code chaos-soak-cluster.png}), and fails when an
 * invariant is broken.
 */
class ChaosSoakBenchmark {

	@Test
	void soak() {
		boolean cluster = "cluster".equals(System.getProperty("chaos.redis"));
		String name = cluster ? "chaos-soak-cluster" : "chaos-soak";
		ChaosSoak.Options soak = ChaosSoak.Options.soak(Double.parseDouble(System.getProperty("chaos.minutes", "60")),
				Integer.getInteger("chaos.users", 200), Path.of("target", name));
		ChaosSoak.Options options = cluster ? soak.onCluster() : soak;
		Verdict verdict = ChaosSoak.run(options);
		SoakReport.publish(verdict, options, Path.of("RESULTS.md"), Path.of(name + ".png"));
		assertThat(verdict.passed()).as("every invariant of the chaos soak holds").isTrue();
	}

}
