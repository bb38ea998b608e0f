package io.github.authstarter.benchmarks;

import java.util.Map;

import io.github.authstarter.benchmarks.Comparison.Scale;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Runs the rounds, alternating which side goes first, against one provider and Redis.
 */
final class Runs {

	private Runs() {
	}

	/**
	 * A throughput figure over a run with failed requests would be wrong (errors answer
	 * fast), so such a run stops the benchmark.
	 */
	private static Map<String, Double> checked(Setup setup, Map<String, Double> figures) {
		Double errors = figures.get(Comparison.LOAD_ERRORS);
		if (errors != null && errors > 0) {
			throw new IllegalStateException(setup.name() + ": " + errors.intValue()
					+ " requests failed in the throughput runs (see the output for why); the figures are not valid");
		}
		return figures;
	}

	static Results run(Scale scale) throws Exception {
		TestOpenIdProvider provider = TestOpenIdProvider.create()
			.accessTokenTimeToLive(scale.accessTokenLifetime())
			.start();
		Results results = new Results();
		RedisClient redis = RedisClient.create(TestRedis.get().url());
		try (StatefulRedisConnection<String, String> connection = redis.connect()) {
			Comparison comparison = new Comparison(provider, connection.sync(), scale);
			if (scale.warmUp()) {
				// a first, unrecorded pass warms the JVM for both sides
				comparison.measure(Setup.STOCK);
				comparison.measure(Setup.STARTER);
				for (Setup extra : Setup.EXTRA) {
					comparison.measure(extra);
				}
			}
			for (int round = 0; round < scale.rounds(); round++) {
				Setup first = (round % 2 == 0) ? Setup.STOCK : Setup.STARTER;
				Setup second = (first == Setup.STOCK) ? Setup.STARTER : Setup.STOCK;
				results.add(first, checked(first, comparison.measure(first)));
				results.add(second, checked(second, comparison.measure(second)));
				for (Setup extra : Setup.EXTRA) {
					results.add(extra, checked(extra, comparison.measure(extra)));
				}
			}
			comparison.notes().forEach(results::note);
		}
		finally {
			redis.shutdown();
			provider.stop();
		}
		return results;
	}

}
