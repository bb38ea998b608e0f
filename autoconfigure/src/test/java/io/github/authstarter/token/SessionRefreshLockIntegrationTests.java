package io.github.authstarter.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.github.authstarter.test.server.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SessionRefreshLock} against a real Redis: a release leaves a mark that the next
 * holder sees, so only a lock nobody released lately vouches for a record read just
 * before it was taken.
 */
class SessionRefreshLockIntegrationTests {

	private static final String PREFIX = "lock-test-" + UUID.randomUUID() + ":";

	private static LettuceConnectionFactory connections;

	private static StringRedisTemplate redis;

	private static SessionRefreshLock lock;

	@BeforeAll
	static void start() {
		URI address = URI.create(TestRedis.get().url());
		connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(address.getHost(), address.getPort()));
		connections.afterPropertiesSet();
		connections.start();
		redis = new StringRedisTemplate(connections);
		lock = new SessionRefreshLock(redis, new RefreshSettings(Duration.ofSeconds(30), Duration.ofSeconds(15),
				Duration.ofSeconds(5), PREFIX, true));
	}

	@AfterAll
	static void stop() {
		lock.close();
		connections.destroy();
	}

	@Test
	void aLockNobodyReleasedLatelyVouchesForAReadJustBeforeIt() {
		String session = UUID.randomUUID().toString();
		long readAt = System.nanoTime();
		try (SessionRefreshLock.Held held = lock.tryAcquire(session)) {
			assertThat(held).isNotNull();
			assertThat(held.unchangedSince(readAt)).isTrue();
			assertThat(held.unchangedSince(readAt - Duration.ofSeconds(2).toNanos()))
				.as("a read older than half the mark's lifetime")
				.isFalse();
			assertThat(lock.tryAcquire(session)).as("held").isNull();
		}
		assertThat(redis.opsForValue().get(PREFIX + "refresh-lock:" + session)).isEqualTo(SessionRefreshLock.RELEASED);
	}

	@Test
	void aLockReleasedLatelyIsFreeButVouchesForNothing() {
		String session = UUID.randomUUID().toString();
		try (SessionRefreshLock.Held first = lock.tryAcquire(session)) {
			assertThat(first).isNotNull();
		}
		long readAt = System.nanoTime();
		assertThat(lock.awaitRelease(session, Instant.now())).as("a mark is no holder").isTrue();
		try (SessionRefreshLock.Held second = lock.tryAcquire(session)) {
			assertThat(second).as("taken from the mark").isNotNull();
			// the first holder may have changed the record after the read began
			assertThat(second.unchangedSince(readAt)).isFalse();
		}
	}

	@Test
	void aHolderWhoseLeaseLapsedStillLeavesTheMarkButNeverOverAnotherHolder() {
		String session = UUID.randomUUID().toString();
		String key = PREFIX + "refresh-lock:" + session;
		try (SessionRefreshLock.Held held = lock.tryAcquire(session)) {
			assertThat(held).isNotNull();
			// the lease lapsed (a long pause): the record may still have changed
			redis.delete(key);
		}
		assertThat(redis.opsForValue().get(key)).isEqualTo(SessionRefreshLock.RELEASED);
		redis.delete(key);
		try (SessionRefreshLock.Held held = lock.tryAcquire(session)) {
			assertThat(held).isNotNull();
			redis.opsForValue().set(key, "another-holder");
		}
		assertThat(redis.opsForValue().get(key)).isEqualTo("another-holder");
	}

	@Test
	void aMarkExpiresWithItsLifetime() {
		String session = UUID.randomUUID().toString();
		try (SessionRefreshLock.Held held = lock.tryAcquire(session)) {
			assertThat(held).isNotNull();
		}
		assertThat(redis.getExpire(PREFIX + "refresh-lock:" + session)).isBetween(1L,
				SessionRefreshLock.RELEASE_MARK_LIFETIME.toSeconds());
	}

	@Test
	void awaitingAHeldLockEndsAtTheDeadline() {
		String session = UUID.randomUUID().toString();
		try (SessionRefreshLock.Held held = lock.tryAcquire(session)) {
			assertThat(lock.awaitRelease(session, Clock.systemUTC().instant())).isFalse();
		}
	}

}
