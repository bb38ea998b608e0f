package io.github.authstarter.benchmarks;

import java.nio.file.Path;

import io.github.authstarter.benchmarks.Comparison.Scale;
import org.junit.jupiter.api.Test;

/**
 * The full comparison ({@code benchmarks/run.sh}): prints the table and writes
 * {@code benchmarks/RESULTS.md}. Asserts nothing about time.
 */
class StockVsStarterBenchmark {

	@Test
	void compare() throws Exception {
		Scale scale = Scale.FULL;
		Results results = Runs.run(scale);
		System.out.println();
		System.out.println(results.table());
		Path file = Path.of("RESULTS.md");
		results.write(file, scale.rounds());
		System.out.println("Written to " + file.toAbsolutePath());
	}

}
