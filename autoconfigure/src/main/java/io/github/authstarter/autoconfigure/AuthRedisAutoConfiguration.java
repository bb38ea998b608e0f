package io.github.authstarter.autoconfigure;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Bounds Redis commands (3 s) and connects (2 s) in applications that use the starter,
 * unless {@code spring.data.redis.timeout} / {@code connect-timeout} are set. Lettuce's
 * own default waits 60 s for a command while Redis is unreachable; every signed-in
 * request needs Redis, so it should fail fast with a clear 503 instead of hanging.
 * Applications that only have the jar, without providers, keep Boot's defaults.
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisClient.class, LettuceClientConfigurationBuilderCustomizer.class })
@Conditional(AuthProvidersConfiguredCondition.class)
public final class AuthRedisAutoConfiguration {

	static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

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
