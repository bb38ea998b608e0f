package io.github.authstarter.session.redis;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.authstarter.test.server.RestartableRedis;
import io.github.authstarter.testbed.RedisCommandCounts;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two "instances" (two repositories, each with its own connections and its own
 * {@link TrackedSessionCache}) on a real Redis: an unchanged record read again costs no
 * command; a change or delete by the other instance, or by anyone else, is seen by the
 * very next read; a read racing a change is not cached; a lost tracking connection drops
 * everything. Commands are counted with Redis's own {@code INFO commandstats}.
 */
class TrackedSessionCacheIntegrationTests {

	private static final String NAMESPACE = "test-" + UUID.randomUUID() + ":session";

	private static final Instance a = new Instance();

	private static final Instance b = new Instance();

	/** With the read barrier, as the starter configures it by default. */
	private static final Instance strict = new Instance(true);

	private static RedisClient client;

	private static RedisCommands<String, String> redis;

	private static RedisCommandCounts counts;

	/**
	 * A Redis of its own: the command counts and invalidations are this class's alone.
	 */
	private static RestartableRedis own;

	@BeforeAll
	static void start() {
		own = RestartableRedis.start();
		a.start();
		b.start();
		strict.start();
		client = RedisClient.create(own.url());
		StatefulRedisConnection<String, String> connection = client.connect();
		redis = connection.sync();
		counts = new RedisCommandCounts(redis, "ping");
	}

	/** After a test that killed the tracking connections, they are back first. */
	@BeforeEach
	void awaitTracking() throws InterruptedException {
		for (Instance instance : List.of(a, b, strict)) {
			awaitTracking(instance);
		}
	}

	@AfterAll
	static void stop() {
		a.stop();
		b.stop();
		strict.stop();
		client.shutdown();
		own.close();
	}

	@Test
	void anUnchangedRecordReadAgainCostsNoCommand() {
		long pushed = a.cache.invalidations();
		RedisSession session = a.saved();
		// Redis pushes the instance's own write back to it too; once that arrived, the
		// record read next stays
		Instant deadline = Instant.now().plusSeconds(2);
		while (a.cache.invalidations() == pushed && Instant.now().isBefore(deadline)) {
			Thread.onSpinWait();
		}
		RedisSession first = a.repository.findById(session.getId());
		assertThat(first).isNotNull();
		Map<String, Long> before = counts.now();
		for (int i = 0; i < 10; i++) {
			RedisSession read = a.repository.findById(session.getId());
			assertThat(read.<String>getAttribute("greeting")).isEqualTo("hello");
			read.setLastAccessedTime(Instant.now());
			a.repository.save(read);
		}
		assertThat(counts.since(before)).as("commands of ten unchanged requests").isEmpty();
	}

	@Test
	void eachRequestGetsItsOwnCopy() {
		RedisSession session = a.saved();
		a.repository.findById(session.getId());
		RedisSession one = a.repository.findById(session.getId());
		one.setAttribute("greeting", "not saved");
		assertThat(a.repository.findById(session.getId()).<String>getAttribute("greeting")).isEqualTo("hello");
	}

	@Test
	void aChangeOrDeleteOnTheOtherInstanceIsSeenOnceRedisPushedIt() throws Exception {
		for (int i = 0; i < 200; i++) {
			RedisSession session = a.saved();
			// else the wait below would pass at once, and a cache that never caches too
			holdOnA(session.getId());
			assertThat(b.repository.findById(session.getId())).isNotNull();
			RedisSession onB = b.repository.findById(session.getId());
			onB.setAttribute("greeting", "changed " + i);
			b.repository.save(onB);
			// in one process nothing lies between the write and the next read; behind a
			// browser, a whole HTTP round trip does (the applications' tests)
			awaitDropped(session.getId());
			assertThat(a.repository.findById(session.getId()).<String>getAttribute("greeting"))
				.isEqualTo("changed " + i);
			holdOnA(session.getId());
			b.repository.deleteById(session.getId());
			awaitDropped(session.getId());
			assertThat(a.repository.findById(session.getId())).as("deleted on the other instance, round %d", i)
				.isNull();
		}
	}

	@Test
	void withTheReadBarrierTheVeryNextReadSeesAChangeOrDeleteOnTheOtherInstance() throws Exception {

		for (int i = 0; i < 300; i++) {
			RedisSession session = b.saved();
			assertThat(strict.repository.findById(session.getId())).isNotNull();
			assertThat(strict.repository.findById(session.getId())).isNotNull();
			RedisSession onB = b.repository.findById(session.getId());
			onB.setAttribute("greeting", "changed " + i);
			b.repository.save(onB);
			assertThat(strict.repository.findById(session.getId()).<String>getAttribute("greeting")).as("round %d", i)
				.isEqualTo("changed " + i);
			assertThat(strict.repository.findById(session.getId())).isNotNull();
			b.repository.deleteById(session.getId());
			assertThat(strict.repository.findById(session.getId())).as("deleted on the other instance, round %d", i)
				.isNull();
		}
		assertThat(strict.cache.barrierWaits()).isPositive();
	}

	@Test
	void concurrentReadsShareTheReadBarriersRoundTrips() throws Exception {
		RedisSession session = strict.saved();
		// held in memory (tracking may still be coming back from another test's kill)
		Instant deadline = Instant.now().plusSeconds(10);
		while (!strict.cache.holds(key(session.getId())) && Instant.now().isBefore(deadline)) {
			strict.repository.findById(session.getId());
			Thread.sleep(10);
		}
		assertThat(strict.cache.holds(key(session.getId()))).as("held in memory").isTrue();
		long pings = strict.cache.barrierPings();
		long waits = strict.cache.barrierWaits();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> readers = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				readers.add(pool.submit(() -> {
					for (int i = 0; i < 100; i++) {
						assertThat(strict.repository.findById(session.getId())).isNotNull();
					}
				}));
			}
			for (Future<?> reader : readers) {
				reader.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		long spentPings = strict.cache.barrierPings() - pings;
		long served = strict.cache.barrierWaits() - waits;
		System.out.println("Read barrier: " + spentPings + " round trips for " + served + " concurrent reads");
		assertThat(served).isEqualTo(1600);
		assertThat(spentPings).isLessThan(served);
	}

	private static void awaitTracking(Instance instance) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(10);
		while (!instance.cache.tracking() && Instant.now().isBefore(deadline)) {
			Thread.sleep(10);
		}
		assertThat(instance.cache.tracking()).as("tracking on within 10 s").isTrue();
	}

	/**
	 * Reads a record on instance A until A holds it: the invalidation Redis pushes for
	 * the write that made it may arrive after the first read and drop it again.
	 */
	private static void holdOnA(String id) {
		Instant deadline = Instant.now().plusSeconds(2);
		while (!a.cache.holds(key(id)) && Instant.now().isBefore(deadline)) {
			assertThat(a.repository.findById(id)).isNotNull();
		}
		assertThat(a.cache.holds(key(id))).as("A holds %s", id).isTrue();
	}

	/** Waits until Redis's invalidation of a key reached instance A. */
	private static void awaitDropped(String id) {
		Instant deadline = Instant.now().plusSeconds(2);
		while (a.cache.holds(key(id)) && Instant.now().isBefore(deadline)) {
			Thread.onSpinWait();
		}
		assertThat(a.cache.holds(key(id))).as("invalidation of %s arrived", id).isFalse();
	}

	@Test
	void aDeleteByAnyoneElseIsSeenToo() {
		RedisSession session = a.saved();
		holdOnA(session.getId());
		// a back-channel logout or sign-out-everywhere deletes keys directly
		redis.del(key(session.getId()));
		awaitDropped(session.getId());
		assertThat(a.repository.findById(session.getId())).isNull();
	}

	@Test
	void theWriterSeesItsOwnChangeWithoutWaitingForRedis() {
		RedisSession session = a.saved();
		RedisSession read = a.repository.findById(session.getId());
		read.setAttribute("greeting", "mine");
		a.repository.save(read);
		assertThat(a.repository.findById(session.getId()).<String>getAttribute("greeting")).isEqualTo("mine");
	}

	@Test
	void aReadThatRacedAnInvalidationIsNotCached() {
		RedisSession session = a.saved();
		String key = key(session.getId());
		Object reservation = a.cache.reserve(key);
		a.cache.invalidate(key);
		a.cache.store(reservation, key, Map.of("creationTime", 0L));
		assertThat(a.cache.get(key)).isNull();
	}

	@Test
	void aReadThroughViewAlwaysAsksRedis() {
		RedisSession session = a.saved();
		a.repository.findById(session.getId());
		Map<String, Long> before = counts.now();
		assertThat(a.repository.readingThrough().findById(session.getId())).isNotNull();
		assertThat(counts.since(before)).isEqualTo(Map.of("hgetall", 1L));
	}

	@Test
	void aLostTrackingConnectionDropsEverythingAndTrackingComesBack() throws Exception {
		RedisSession session = a.saved();
		holdOnA(session.getId());
		// the tracking connection dies; a delete right then sends its invalidation
		// nowhere
		killTrackingConnections();
		Instant deadline = Instant.now().plusSeconds(10);
		while (a.cache.size() > 0 && Instant.now().isBefore(deadline)) {
			Thread.onSpinWait();
		}
		assertThat(a.cache.size()).as("everything dropped when the connection was lost").isZero();
		redis.del(key(session.getId()));
		assertThat(a.repository.findById(session.getId())).as("never the record cached before the loss").isNull();
		// records are cached again once tracking is back (the driver's reconnect and the
		// heartbeat may each turn it on again, so this waits for a hit, not a flag)
		RedisSession again = a.saved();
		boolean cachedAgain = false;
		while (!cachedAgain && Instant.now().isBefore(deadline)) {
			a.repository.findById(again.getId());
			Map<String, Long> before = counts.now();
			a.repository.findById(again.getId());
			cachedAgain = counts.since(before).isEmpty();
			Thread.sleep(20);
		}
		assertThat(cachedAgain).as("cached again after the reconnect").isTrue();
		assertThat(a.cache.tracking()).isTrue();
		assertThat(a.cache.holds(key(again.getId()))).isTrue();
		redis.del(key(again.getId()));
		awaitDropped(again.getId());
		assertThat(a.repository.findById(again.getId())).as("invalidated again").isNull();
	}

	/** Kills every tracking connection (both instances'), as a network blip would. */
	private static void killTrackingConnections() {
		for (String line : redis.clientList().split("\r?\n")) {
			if (line.contains(" name=" + TrackedSessionCache.CONNECTION_NAME + " ")) {
				String id = line.substring(line.indexOf("id=") + 3);
				redis.clientKill(KillArgs.Builder.id(Long.parseLong(id.substring(0, id.indexOf(' ')))));
			}
		}
	}

	private static String key(String id) {
		return NAMESPACE + ":sessions:" + id;
	}

	private static final class Instance {

		private final boolean readBarrier;

		Instance() {
			this(false);
		}

		Instance(boolean readBarrier) {
			this.readBarrier = readBarrier;
		}

		LettuceConnectionFactory connections;

		TrackedSessionCache cache;

		SingleReadRedisSessionRepository repository;

		void start() {
			URI address = URI.create(own.url());
			this.connections = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration(address.getHost(), address.getPort()));
			this.connections.afterPropertiesSet();
			this.connections.start();
			this.cache = TrackedSessionCache.start((RedisClient) this.connections.getRequiredNativeClient(),
					NAMESPACE + ":sessions:", 100, this.readBarrier);
			this.repository = SingleReadRedisSessionRepository.of(this.connections, new PlainJsonRedisSerializer(),
					NAMESPACE, Duration.ofMinutes(30), Duration.ofMinutes(3), this.cache);
		}

		RedisSession saved() {
			RedisSession session = this.repository.createSession();
			session.setAttribute("greeting", "hello");
			this.repository.save(session);
			return session;
		}

		void stop() {
			this.cache.close();
			this.connections.destroy();
		}

	}

}
