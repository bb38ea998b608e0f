package io.github.authstarter.benchmarks;

import io.github.authstarter.benchmarks.Comparison.Scale;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.StoredSessions;

/**
 * Runs the rounds, alternating which side goes first, against one provider and Redis.
 */
final class Runs {

	private Runs() {
	}

	static Results run(Scale scale) throws Exception {
		TestOpenIdProvider provider = TestOpenIdProvider.create()
			.accessTokenTimeToLive(scale.accessTokenLifetime())
			.start();
		Results results = new Results();
		try (StoredSessions redis = new StoredSessions()) {
			Comparison comparison = new Comparison(provider, redis, scale);
			if (scale.warmUp()) {
				// a first, unrecorded pass warms the JVM for both sides
				comparison.measure(Setup.STOCK);
				comparison.measure(Setup.STARTER);
			}
			for (int round = 0; round < scale.rounds(); round++) {
				Setup first = (round % 2 == 0) ? Setup.STOCK : Setup.STARTER;
				Setup second = (first == Setup.STOCK) ? Setup.STARTER : Setup.STOCK;
				results.add(first, comparison.measure(first));
				results.add(second, comparison.measure(second));
			}
		}
		finally {
			provider.stop();
		}
		return results;
	}

}
