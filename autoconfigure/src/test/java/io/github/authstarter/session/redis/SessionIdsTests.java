package io.github.authstarter.session.redis;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionIdsTests {

	@Test
	void couldBeIssuedWhenARandomUuidThenTrue() {
		assertThat(SessionIds.couldBeIssued(UUID.randomUUID().toString())).isTrue();
	}

	@Test
	void couldBeIssuedWhenLongerShorterOrNotHexThenFalse() {
		String id = UUID.randomUUID().toString();
		assertThat(SessionIds.couldBeIssued(id + "0")).isFalse();
		assertThat(SessionIds.couldBeIssued(id.substring(1))).isFalse();
		assertThat(SessionIds.couldBeIssued("g" + id.substring(1))).isFalse();
		assertThat(SessionIds.couldBeIssued(id.replace('-', '0'))).isFalse();
		assertThat(SessionIds.couldBeIssued("A".repeat(6000))).isFalse();
		assertThat(SessionIds.couldBeIssued("")).isFalse();
		// digits Character.digit reads as hex, but no UUID ever has
		assertThat(SessionIds.couldBeIssued("\uFF21" + id.substring(1))).isFalse();
		assertThat(SessionIds.couldBeIssued("\u0663" + id.substring(1))).isFalse();
	}

}
