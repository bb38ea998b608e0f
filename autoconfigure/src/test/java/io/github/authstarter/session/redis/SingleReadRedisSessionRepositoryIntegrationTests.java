package io.github.authstarter.session.redis;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.authstarter.test.server.RestartableRedis;
import io.github.authstarter.testbed.RedisCommandCounts;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SingleReadRedisSessionRepository} against a real Redis: Spring Session's layout,
 * one command to read, none to save an unchanged session, one atomic write that never
 * brings back a session deleted meanwhile. Commands are counted with Redis's own
 * {@code INFO commandstats}.
 */
class SingleReadRedisSessionRepositoryIntegrationTests {

	private static final String NAMESPACE = "test-" + UUID.randomUUID() + ":session";

	private static LettuceConnectionFactory connections;

	private static RedisClient client;

	private static StatefulRedisConnection<String, String> connection;

	private static RedisCommands<String, String> redis;

	private static RedisCommandCounts counts;

	private static SingleReadRedisSessionRepository repository;

	/** A Redis of its own: the command counts are this class's alone. */
	private static RestartableRedis own;

	@BeforeAll
	static void start() {
		own = RestartableRedis.start();
		URI address = URI.create(own.url());
		connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(address.getHost(), address.getPort()));
		connections.afterPropertiesSet();
		connections.start();
		repository = repository(Duration.ofMinutes(30), Duration.ofMinutes(3));
		client = RedisClient.create(own.url());
		connection = client.connect();
		redis = connection.sync();
		counts = new RedisCommandCounts(redis);
	}

	@AfterAll
	static void stop() {
		connection.close();
		client.shutdown();
		connections.destroy();
		own.close();
	}

	private static SingleReadRedisSessionRepository repository(Duration timeout, Duration touchInterval) {
		return SingleReadRedisSessionRepository.of(connections, new PlainJsonRedisSerializer(), NAMESPACE, timeout,
				touchInterval, null);
	}

	@Test
	void aNewSessionIsWrittenInSpringSessionsLayoutWithItsTimeout() {
		RedisSession session = repository.createSession();
		session.setAttribute("greeting", "hello");
		repository.save(session);
		Map<String, String> hash = redis.hgetall(key(session.getId()));
		assertThat(hash).containsKeys("creationTime", "lastAccessedTime", "maxInactiveInterval",
				"sessionAttr:greeting");
		assertThat(hash.get("maxInactiveInterval")).isEqualTo("1800");
		assertThat(redis.pttl(key(session.getId()))).isBetween(1_790_000L, 1_800_000L);
		RedisSession read = repository.findById(session.getId());
		assertThat(read).isNotNull();
		assertThat(read.<String>getAttribute("greeting")).isEqualTo("hello");
	}

	@Test
	void anUnchangedSessionCostsOneReadAndNoWrite() {
		RedisSession session = saved();
		Map<String, Long> before = counts.now();
		RedisSession read = repository.findById(session.getId());
		read.setLastAccessedTime(Instant.now());
		repository.save(read);
		Map<String, Long> spent = counts.since(before);
		assertThat(spent).as("commands of one unchanged request").isEqualTo(Map.of("hgetall", 1L));
	}

	@Test
	void theReadAfterItsOwnSaveInOneRequestCostsNothingAndEndsWithTheRequest() {
		RedisSession session = saved();
		assertThat(repository.beginRequest()).isTrue();
		assertThat(repository.beginRequest()).as("a nested dispatch does not start another scope").isFalse();
		Map<String, Long> before;
		try {
			RedisSession read = repository.findById(session.getId());
			read.setLastAccessedTime(Instant.now());
			repository.save(read);
			before = counts.now();
			// what Spring Session does at the end of a request, to decide about the
			// cookie
			assertThat(repository.findById(session.getId())).isSameAs(read);
			assertThat(counts.since(before)).isEmpty();
		}
		finally {
			repository.endRequest();
		}
		before = counts.now();
		assertThat(repository.findById(session.getId())).isNotNull();
		assertThat(counts.since(before)).isEqualTo(Map.of("hgetall", 1L));
	}

	@Test
	void theReadingThroughViewReadsWhatRedisHoldsNotWhatTheRequestSaved() {
		RedisSession session = saved();
		SingleReadRedisSessionRepository through = repository.readingThrough();
		assertThat(through).isNotSameAs(repository);
		repository.beginRequest();
		try {
			// a first refresh in this request writes through the view
			RedisSession first = through.findById(session.getId());
			first.setAttribute("greeting", "first");
			through.save(first);
			// another instance writes meanwhile
			redis.hset(key(session.getId()), "sessionAttr:greeting", "\"other instance\"");
			// a second refresh in the same request decides on what Redis holds now
			RedisSession second = through.findById(session.getId());
			assertThat(second).isNotSameAs(first);
			assertThat(second.<String>getAttribute("greeting")).isEqualTo("other instance");
		}
		finally {
			repository.endRequest();
		}
	}

	@Test
	void aSessionDeletedElsewhereIsNotServedFromTheRequestScope() {
		RedisSession session = saved();
		repository.beginRequest();
		try {
			RedisSession read = repository.findById(session.getId());
			redis.del(key(session.getId()));
			read.setAttribute("greeting", "changed");
			repository.save(read);
			assertThat(repository.findById(session.getId())).isNull();
		}
		finally {
			repository.endRequest();
		}
	}

	@Test
	void aChangeIsOneAtomicWriteThatExtendsTheExpiry() {
		RedisSession session = saved();
		redis.pexpire(key(session.getId()), 60_000);
		RedisSession read = repository.findById(session.getId());
		read.setAttribute("greeting", "changed");
		read.removeAttribute("other");
		Map<String, Long> before = counts.now();
		repository.save(read);
		Map<String, Long> spent = counts.since(before);
		// Redis counts the commands a script calls too: exactly the script's own, once
		Map<String, Long> called = new HashMap<>(spent);
		long scripts = called.getOrDefault("evalsha", 0L) + called.getOrDefault("eval", 0L);
		called.keySet().removeAll(Set.of("evalsha", "eval"));
		assertThat(scripts).as("one script").isOne();
		assertThat(called).as("what the script called, and nothing sent beside it")
			.isEqualTo(Map.of("exists", 1L, "hset", 1L, "hdel", 1L, "pexpire", 1L));
		assertThat(redis.hget(key(session.getId()), "sessionAttr:greeting")).contains("changed");
		assertThat(redis.hexists(key(session.getId()), "sessionAttr:other")).isFalse();
		assertThat(redis.pttl(key(session.getId()))).isGreaterThan(1_700_000L);
	}

	@Test
	void aTouchIsWrittenOnlyOncePerInterval() {
		SingleReadRedisSessionRepository touching = repository(Duration.ofMinutes(30), Duration.ofMillis(200));
		RedisSession session = touching.createSession();
		touching.save(session);
		String stored = redis.hget(key(session.getId()), "lastAccessedTime");
		RedisSession early = touching.findById(session.getId());
		early.setLastAccessedTime(early.getLastAccessedTime().plusMillis(100));
		touching.save(early);
		assertThat(redis.hget(key(session.getId()), "lastAccessedTime")).isEqualTo(stored);
		RedisSession due = touching.findById(session.getId());
		Instant later = due.getLastAccessedTime().plusMillis(250);
		due.setLastAccessedTime(later);
		touching.save(due);
		assertThat(redis.hget(key(session.getId()), "lastAccessedTime")).isEqualTo(Long.toString(later.toEpochMilli()));
	}

	@Test
	void aSessionDeletedWhileItsRequestRanIsNeverBroughtBack() {
		RedisSession session = saved();
		RedisSession read = repository.findById(session.getId());
		// logout or back-channel logout on another instance, mid-request
		redis.del(key(session.getId()));
		read.setAttribute("AUTH_USER", "{\"refreshed\":true}");
		read.setLastAccessedTime(Instant.now().plusSeconds(600));
		repository.save(read);
		assertThat(redis.exists(key(session.getId()))).isZero();
		assertThat(repository.findById(session.getId())).isNull();
	}

	@Test
	void aReplacedAttributeAndTheLockReleaseAreOneScriptThatNeverBringsASessionBack() {
		RedisSession session = saved();
		session.setAttribute("AUTH_USER", "{\"old\":true}");
		repository.save(session);
		String lock = "test-lock:" + session.getId();
		redis.set(lock, "holder");
		AtomicBoolean released = new AtomicBoolean();
		// Redis learns the script once (a refused EVALSHA and an EVAL), then runs it by
		// its hash
		repository.replaceAttribute("0".repeat(32), "AUTH_USER", "{}", List.of(lock + "-other", "x", "released", "1"),
				() -> {
				});
		Map<String, Long> before = counts.now();
		assertThat(repository.replaceAttribute(session.getId(), "AUTH_USER", "{\"new\":true}",
				List.of(lock, "holder", "released", "2000"), () -> released.set(true)))
			.isTrue();
		Map<String, Long> called = new HashMap<>(counts.since(before));
		long scripts = called.getOrDefault("evalsha", 0L) + called.getOrDefault("eval", 0L);
		called.keySet().removeAll(Set.of("evalsha", "eval"));
		assertThat(scripts).as("one script").isOne();
		assertThat(called).as("the field, the lock's holder, its mark")
			.isEqualTo(Map.of("hset", 1L, "get", 1L, "set", 1L));
		assertThat(released).isTrue();
		assertThat(redis.get(lock)).isEqualTo("released");
		assertThat(redis.pttl(lock)).isBetween(1L, 2000L);
		assertThat(redis.hget(key(session.getId()), "sessionAttr:AUTH_USER")).contains("new");

		// a lock held by someone else stays theirs
		redis.set(lock, "another");
		repository.replaceAttribute(session.getId(), "AUTH_USER", "{}", List.of(lock, "holder", "released", "2000"),
				() -> {
				});
		assertThat(redis.get(lock)).isEqualTo("another");

		// signed out meanwhile: the record stays away
		redis.hdel(key(session.getId()), "sessionAttr:AUTH_USER");
		assertThat(repository.replaceAttribute(session.getId(), "AUTH_USER", "{}",
				List.of(lock, "another", "released", "2000"), () -> {
				}))
			.isFalse();
		assertThat(redis.hexists(key(session.getId()), "sessionAttr:AUTH_USER")).isFalse();
		assertThat(redis.hexists(key(session.getId()), "creationTime")).isTrue();

		// ended meanwhile: no key is left, not even one without expiry
		redis.del(key(session.getId()));
		assertThat(repository.replaceAttribute(session.getId(), "AUTH_USER", "{}",
				List.of(lock, "another", "released", "2000"), () -> {
				}))
			.isFalse();
		assertThat(redis.exists(key(session.getId()))).isZero();
	}

	@Test
	void aDeletedSessionMarksItsLockReleasedUnlessSomeoneHoldsIt() {
		SingleReadRedisSessionRepository marking = repository(Duration.ofMinutes(30), Duration.ofMinutes(3));
		marking.markLocksOnDelete((id) -> "test-lock:" + id, "released", Duration.ofSeconds(2));
		RedisSession free = saved();
		marking.readingThrough().deleteById(free.getId());
		assertThat(redis.exists(key(free.getId()))).isZero();
		assertThat(redis.get("test-lock:" + free.getId())).as("the view marks too").isEqualTo("released");
		assertThat(redis.pttl("test-lock:" + free.getId())).isBetween(1L, 2000L);
		RedisSession held = saved();
		redis.set("test-lock:" + held.getId(), "holder");
		marking.deleteById(held.getId());
		assertThat(redis.get("test-lock:" + held.getId())).isEqualTo("holder");
	}

	@Test
	void theFirstReadOfARequestFromRedisIsTimedAndNoOtherIs() {
		RedisSession session = saved();
		assertThat(repository.readAt(session.getId())).as("outside a request").isNull();
		repository.beginRequest();
		try {
			long start = System.nanoTime();
			repository.findById(session.getId());
			Long first = repository.readAt(session.getId());
			assertThat(first).isNotNull().isBetween(start, System.nanoTime());
			repository.findById(session.getId());
			repository.readingThrough().findById(session.getId());
			assertThat(repository.readAt(session.getId())).as("the first read's time").isEqualTo(first);
		}
		finally {
			repository.endRequest();
		}
		assertThat(repository.readAt(session.getId())).isNull();
	}

	@Test
	void aNewIdMovesTheWholeSessionAndLeavesNothingUnderTheOldOne() {
		RedisSession session = saved();
		String oldId = session.getId();
		RedisSession read = repository.findById(oldId);
		String newId = read.changeSessionId();
		read.setAttribute("AUTH_USER", "{}");
		repository.save(read);
		assertThat(redis.exists(key(oldId))).isZero();
		assertThat(redis.hgetall(key(newId))).containsKeys("sessionAttr:greeting", "sessionAttr:AUTH_USER",
				"creationTime");
	}

	@Test
	void anExpiredOrIncompleteSessionReadsAsNoneAndIsRemoved() {
		RedisSession session = saved();
		redis.hset(key(session.getId()), "lastAccessedTime",
				Long.toString(Instant.now().minus(Duration.ofHours(1)).toEpochMilli()));
		assertThat(repository.findById(session.getId())).isNull();
		assertThat(redis.exists(key(session.getId()))).isZero();
		String partial = UUID.randomUUID().toString();
		redis.hset(key(partial), "sessionAttr:AUTH_USER", "\"x\"");
		assertThat(repository.findById(partial)).isNull();
		assertThat(redis.exists(key(partial))).isZero();
	}

	private static RedisSession saved() {
		RedisSession session = repository.createSession();
		session.setAttribute("greeting", "hello");
		session.setAttribute("other", "value");
		repository.save(session);
		return session;
	}

	private static String key(String id) {
		return NAMESPACE + ":sessions:" + id;
	}

}
