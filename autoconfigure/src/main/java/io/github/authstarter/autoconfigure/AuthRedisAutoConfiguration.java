package io.github.authstarter.autoconfigure;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Bounds Redis commands (3 s) and connects (2 s) in applications that use the starter,
 * unless {@code spring.data.redis.timeout} / {@code connect-timeout} are set. Lettuce's
 * own default waits 60 s for a command while Redis is unreachable; every signed-in
 * request needs Redis, so it should fail fast with a clear 503 instead of hanging. On
 * Redis Cluster it also makes Lettuce follow a failover. Applications that only have the
 * jar, without providers, keep Boot's defaults.
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisClient.class, LettuceClientConfigurationBuilderCustomizer.class })
@Conditional(AuthProvidersConfiguredCondition.class)
public final class AuthRedisAutoConfiguration {

	static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	static final Duration CLUSTER_ADAPTIVE_REFRESH_TIMEOUT = Duration.ofSeconds(5);

	static final Duration CLUSTER_PERIODIC_REFRESH = Duration.ofSeconds(30);

	@Bean
	LettuceClientConfigurationBuilderCustomizer authRedisCommandTimeout(
			ObjectProvider<DataRedisProperties> properties) {
		return (builder) -> {
			DataRedisProperties redis = properties.getIfAvailable();
			if (redis == null || redis.getTimeout() == null) {
				builder.commandTimeout(COMMAND_TIMEOUT);
			}
		};
	}

	/**
	 * On Redis Cluster, Lettuce keeps the topology it read at start-up unless told to
	 * refresh it: after a failover every command of the moved slots would fail until a
	 * restart. Adaptive refresh (on MOVED, ASK, reconnects and persistent disconnects)
	 * follows a promoted replica within seconds, and a periodic refresh catches what no
	 * trigger saw. An application that sets any
	 * {@code spring.data.redis.lettuce.cluster.refresh.*} property keeps its own choice.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer authRedisClusterTopologyRefresh(Environment environment) {
		boolean configured = Binder.get(environment)
			.bind("spring.data.redis.lettuce.cluster.refresh", Bindable.mapOf(String.class, Object.class))
			.isBound();
		return (builder) -> {
			if (!configured && builder instanceof ClusterClientOptions.Builder cluster) {
				cluster.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
					.enableAllAdaptiveRefreshTriggers()
					.adaptiveRefreshTriggersTimeout(CLUSTER_ADAPTIVE_REFRESH_TIMEOUT)
					.enablePeriodicRefresh(CLUSTER_PERIODIC_REFRESH)
					.dynamicRefreshSources(true)
					.build());
			}
		};
	}

	@Bean
	LettuceClientOptionsBuilderCustomizer authRedisConnectTimeout(ObjectProvider<DataRedisProperties> properties) {
		return (builder) -> {
			DataRedisProperties redis = properties.getIfAvailable();
			if (redis == null || redis.getConnectTimeout() == null) {
				builder.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build());
			}
		};
	}

}
