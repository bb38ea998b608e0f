package io.github.authstarter.benchmarks;

import io.github.authstarter.benchmarks.Comparison.Scale;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One small iteration of every scenario on both sides, in every build, so the harness
 * cannot rot. It checks that each figure was measured, and the behaviours the comparison
 * rests on; never a time.
 */
class BenchmarkSmokeIntegrationTests {

	@Test
	void everyScenarioRunsOnBothSides() throws Exception {
		Results results = Runs.run(Scale.SMOKE);
		System.out.println(results.table());
		results.notes().forEach((what, why) -> System.out.println(what + ": " + why));
		for (Setup setup : new Setup[] { Setup.STOCK, Setup.STARTER }) {
			assertThat(results.median(Comparison.SESSION_BYTES, setup)).isPositive();
			assertThat(results.median(Comparison.COMMANDS_AUTHENTICATED, setup)).isPositive();
			assertThat(results.median(Comparison.THROUGHPUT_AUTHENTICATED, setup)).isPositive();
			assertThat(results.median(Comparison.LOGINS, setup)).isPositive();
			assertThat(results.median(Comparison.STARTUP_UP, setup)).isPositive();
		}
		assertThat(results.median(Comparison.REFRESH_GRANTS, Setup.STARTER)).isEqualTo(1.0);
		assertThat(results.median(Comparison.REFRESH_FAILURES, Setup.STARTER)).isZero();
		assertThat(results.median(Comparison.STARTUP_DOWN, Setup.STARTER)).isPositive();
		assertThat(results.median(Comparison.STARTUP_DOWN, Setup.STOCK)).as("stock needs its provider at start-up")
			.isNaN();
		assertThat(results.notes()).as("why stock does not start is recorded")
			.hasEntrySatisfying("stock: " + Comparison.STARTUP_DOWN,
					(why) -> assertThat(why).startsWith("does not start: "));
		for (Setup setup : new Setup[] { Setup.STOCK, Setup.STARTER }) {
			assertThat(results.median(Comparison.SESSION_MEMORY, setup)).isPositive();
			assertThat(results.median(Comparison.LOAD_ERRORS, setup)).isZero();
		}
		for (Setup setup : Setup.CACHED) {
			assertThat(results.median(Comparison.THROUGHPUT_AUTHENTICATED, setup)).isPositive();
			assertThat(results.median(Comparison.LOAD_ERRORS, setup)).isZero();
		}
		// the hot path's goals, as counts (never times): one command, a read, without the
		// cache; no read with it (only the read barrier's PING and the heartbeats)
		assertThat(results.median(Comparison.COMMANDS_AUTHENTICATED, Setup.STARTER)).isEqualTo(1.0);
		assertThat(results.median(Comparison.READS_AUTHENTICATED, Setup.STARTER)).isEqualTo(1.0);
		for (Setup setup : Setup.CACHED) {
			assertThat(results.median(Comparison.READS_AUTHENTICATED, setup)).as(setup.name()).isZero();
		}
		// DPoP: the key costs bytes in the session, and refreshes stay single-flight
		assertThat(results.median(Comparison.SESSION_BYTES, Setup.STARTER_DPOP))
			.isGreaterThan(results.median(Comparison.SESSION_BYTES, Setup.STARTER));
		assertThat(results.median(Comparison.LOGINS, Setup.STARTER_DPOP)).isPositive();
		assertThat(results.median(Comparison.REFRESH_GRANTS, Setup.STARTER_DPOP)).isEqualTo(1.0);
		assertThat(results.median(Comparison.REFRESH_FAILURES, Setup.STARTER_DPOP)).isZero();
	}

}
