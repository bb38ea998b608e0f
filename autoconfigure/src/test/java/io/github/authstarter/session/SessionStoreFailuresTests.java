package io.github.authstarter.session;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionStoreFailures}: every way Redis fails is an outage of the
 * session store; other failures are not.
 */
class SessionStoreFailuresTests {

	@Test
	void redisThatCannotBeReachedOrAnswersWithAnErrorIsUnavailable() {
		assertThat(SessionStoreFailures.isUnavailable(new RedisConnectionFailureException("down"))).isTrue();
		assertThat(SessionStoreFailures.isUnavailable(new RedisSystemException("Error in execution",
				new RedisCommandExecutionException("CLUSTERDOWN The cluster is down"))))
			.isTrue();
		assertThat(SessionStoreFailures.isUnavailable(new IllegalStateException(
				new RedisCommandExecutionException("READONLY You can't write against a read only replica."))))
			.isTrue();
		assertThat(SessionStoreFailures.isUnavailable(new RedisConnectionException("refused"))).isTrue();
	}

	@Test
	void otherFailuresAreNot() {
		assertThat(SessionStoreFailures.isUnavailable(new DataIntegrityViolationException("a database's"))).isFalse();
		assertThat(SessionStoreFailures.isUnavailable(new IllegalStateException("a bug"))).isFalse();
	}

}
