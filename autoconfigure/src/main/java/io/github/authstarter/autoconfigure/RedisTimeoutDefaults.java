package io.github.authstarter.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Bounds Redis commands and connects by default (3 s and 2 s), at the lowest precedence
 * so any configured value wins. Lettuce's own default waits 60 s for a command while
 * Redis is unreachable; every signed-in request needs Redis, so it should fail fast with
 * a clear 503 instead of hanging.
 */
final class RedisTimeoutDefaults implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource("authRedisTimeoutDefaults",
					Map.of("spring.data.redis.timeout", "3s", "spring.data.redis.connect-timeout", "2s")));
	}

}
