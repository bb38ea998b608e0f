package io.github.authstarter.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One small run of the many-tenants benchmark in every build (a hundred stored providers,
 * one round), so its harness cannot rot. It checks that each figure was measured; never a
 * time.
 */
class ManyTenantsSmokeIntegrationTests {

	@Test
	void bothConfigurationsAreMeasured() throws Exception {
		ManyTenantsBenchmark.Figures figures = ManyTenantsBenchmark.run(100, 1, 50);
		System.out.println(figures.table());
		assertThat(figures.one()).containsKeys("start-up of two instances to first answer (ms)",
				"resolution of a provider in use, p99 (µs)", "login start of a provider in use, p99 (ms)");
		assertThat(figures.many()).containsKeys("retained per idle stored provider, its summary (bytes)",
				"retained per provider used once, compiled (bytes)",
				"provider saved on one instance to login start on the other, max (ms)",
				"resolution of a provider first used, p99 (µs)");
		figures.many().values().forEach((values) -> assertThat(values).hasSize(1));
		assertThat(figures.many().get("retained per idle stored provider, its summary (bytes)").get(0)).isPositive();
		assertThat(figures.many().get("retained per provider used once, compiled (bytes)").get(0)).isPositive();
	}

}
