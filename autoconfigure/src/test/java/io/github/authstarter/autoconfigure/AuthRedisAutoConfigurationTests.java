package io.github.authstarter.autoconfigure;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthRedisAutoConfiguration}.
 */
class AuthRedisAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AuthRedisAutoConfiguration.class, DataRedisAutoConfiguration.class));

	@Test
	void boundsRedisCommandsAndConnectsWhenTheStarterIsActive() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g").run((context) -> {
			assertThat(configuration(context).getCommandTimeout()).isEqualTo(Duration.ofSeconds(3));
			assertThat(connectTimeout(context)).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void stepsBackWhenTheApplicationSetsTheTimeouts() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "spring.data.redis.timeout=7s",
					"spring.data.redis.connect-timeout=5s")
			.run((context) -> {
				assertThat(configuration(context).getCommandTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(connectTimeout(context)).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void leavesApplicationsWithoutProvidersAlone() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(AuthRedisAutoConfiguration.class);
			assertThat(configuration(context).getCommandTimeout()).isEqualTo(Duration.ofSeconds(60));
		});
	}

	@Test
	void followsAClusterFailoverWithAdaptiveAndPeriodicTopologyRefresh() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "spring.data.redis.cluster.nodes=127.0.0.1:1")
			.run((context) -> {
				ClusterTopologyRefreshOptions refresh = refresh(context);
				assertThat(refresh.getAdaptiveRefreshTriggers()).isNotEmpty();
				assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
				assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(30));
				assertThat(connectTimeout(context)).as("the other options stay").isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void leavesTheClusterRefreshToAnApplicationThatConfiguresIt() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "spring.data.redis.cluster.nodes=127.0.0.1:1",
					"spring.data.redis.lettuce.cluster.refresh.period=10s")
			.run((context) -> {
				// exactly what Boot alone makes of the same properties (its defaults
				// differ
				// between Boot lines: 4.1's Lettuce turns adaptive refresh on by itself)
				ClusterTopologyRefreshOptions own = refresh(context);
				this.contextRunner
					.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1",
							"spring.data.redis.lettuce.cluster.refresh.period=10s")
					.run((bootAlone) -> {
						ClusterTopologyRefreshOptions boot = refresh(bootAlone);
						assertThat(own.getAdaptiveRefreshTriggers()).isEqualTo(boot.getAdaptiveRefreshTriggers());
						assertThat(own.getAdaptiveRefreshTimeout()).isEqualTo(boot.getAdaptiveRefreshTimeout());
						assertThat(own.isPeriodicRefreshEnabled()).isEqualTo(boot.isPeriodicRefreshEnabled());
					});
				assertThat(own.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(10));
			});
	}

	private static ClusterTopologyRefreshOptions refresh(AssertableApplicationContext context) {
		return ((ClusterClientOptions) configuration(context).getClientOptions().orElseThrow())
			.getTopologyRefreshOptions();
	}

	private static LettuceClientConfiguration configuration(AssertableApplicationContext context) {
		return context.getBean(LettuceConnectionFactory.class).getClientConfiguration();
	}

	private static Duration connectTimeout(AssertableApplicationContext context) {
		return configuration(context).getClientOptions()
			.map(ClientOptions::getSocketOptions)
			.orElseThrow()
			.getConnectTimeout();
	}

}
