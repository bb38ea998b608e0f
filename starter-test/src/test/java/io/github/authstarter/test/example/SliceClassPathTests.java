package io.github.authstarter.test.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run in the build beside {@link WithCurrentUserWebMvcTests} on the class path an
 * application's slice tests have with this artifact alone: proves that they carry no test
 * server, authorization server, embedded Redis or Testcontainers, and pass without them.
 */
@EnabledIfSystemProperty(named = "auth.test.slice-class-path", matches = "true")
class SliceClassPathTests {

	@Test
	void theHeavyTestServersAreNotOnTheClassPath() {
		ClassLoader loader = getClass().getClassLoader();
		assertThat(ClassUtils.isPresent("io.github.authstarter.test.server.TestOpenIdProvider", loader)).isFalse();
		assertThat(ClassUtils.isPresent(
				"org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings",
				loader))
			.isFalse();
		assertThat(ClassUtils.isPresent("redis.embedded.RedisServer", loader)).isFalse();
		assertThat(ClassUtils.isPresent("org.testcontainers.containers.GenericContainer", loader)).isFalse();
	}

}
