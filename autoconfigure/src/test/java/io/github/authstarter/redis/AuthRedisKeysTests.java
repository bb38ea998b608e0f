package io.github.authstarter.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthRedisKeys}: the key layout the architecture document gives, which
 * instances of two versions sharing one Redis must agree on.
 */
class AuthRedisKeysTests {

	private final AuthRedisKeys keys = new AuthRedisKeys("auth:");

	@Test
	void everyKeyOfTheStarter() {
		assertThat(this.keys.flow("c3RhdGU")).isEqualTo("auth:flow:c3RhdGU");
		assertThat(this.keys.loginStarts(29943086)).isEqualTo("auth:flow:login-starts:{29943086}");
		assertThat(this.keys.logoutState("s-1")).isEqualTo("auth:logout:s-1");
		assertThat(this.keys.logoutTokenId("corp", "j-1")).isEqualTo("auth:logout-jti:corp:j-1");
		assertThat(this.keys.sessionIndex("corp", "sub", "alice")).isEqualTo("auth:sessions:corp:sub:alice");
		assertThat(this.keys.refreshLock("0b3e")).isEqualTo("auth:refresh-lock:0b3e");
	}

	@Test
	void anotherPrefixKeepsAnotherApplicationsKeysApart() {
		assertThat(new AuthRedisKeys("billing:").refreshLock("0b3e")).isEqualTo("billing:refresh-lock:0b3e");
	}

}
