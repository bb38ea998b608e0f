package io.github.authstarter.benchmarks;

import java.nio.file.Path;

import io.github.authstarter.benchmarks.chaos.ChaosSoak;
import io.github.authstarter.benchmarks.chaos.SoakReport;
import io.github.authstarter.benchmarks.chaos.Verdict;
import io.github.authstarter.test.server.TestRedisSentinel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chaos soak's 90-second smoke, in every build: the same processes and load (fewer
 * users), every fault once, every invariant asserted. Its figures and plot go to
 * {@code target/chaos-soak-smoke/}.
 */
class ChaosSoakSmokeIntegrationTests {

	@Test
	void everyInvariantHoldsThroughEveryFault() {
		boolean available = TestRedisSentinel.executable() != null;
		if (!available && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true but redis-server is missing from PATH; .ci/run installs it");
		}
		if (!available) {
			System.out.println("*** ChaosSoakSmokeIntegrationTests skipped: no redis-server on the PATH ***");
		}
		assumeTrue(available, "no redis-server on the PATH");
		// -Dchaos.redis=cluster runs it on Redis Cluster instead of Sentinel
		boolean cluster = "cluster".equals(System.getProperty("chaos.redis"));
		Path output = Path.of("target", cluster ? "chaos-soak-smoke-cluster" : "chaos-soak-smoke");
		ChaosSoak.Options smoke = ChaosSoak.Options.smoke(Integer.getInteger("chaos.users", 40), output);
		ChaosSoak.Options options = cluster ? smoke.onCluster() : smoke;
		Verdict verdict = ChaosSoak.run(options);
		SoakReport.publish(verdict, options, output.resolve("RESULTS.md"), output.resolve("chaos-soak.png"));
		assertThat(verdict.lines()).allSatisfy((line) -> assertThat(line).startsWith("PASS"));
	}

}
