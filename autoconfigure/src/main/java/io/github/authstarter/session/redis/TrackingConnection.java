package io.github.authstarter.session.redis;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TrackedSessionCache}'s own connection, on which Redis pushes an invalidation
 * for every write to a session key ({@code CLIENT TRACKING ON BCAST PREFIX}, RESP3): it
 * applies them to the held records, proves at start that they arrive, checks every
 * heartbeat that the connection still answers, and turns tracking on again after a
 * reconnect. Whenever invalidations may have been lost, every record is dropped.
 */
final class TrackingConnection implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TrackedSessionCache.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * How often the tracking connection is checked: a connection that died without the
	 * driver noticing (a silent network partition) would lose invalidations unseen, so
	 * records are trusted only while the connection answers.
	 */
	private static final Duration HEARTBEAT = Duration.ofSeconds(1);

	private final String prefix;

	private final HeldRecords records;

	private final AtomicLong invalidations = new AtomicLong();

	private final StatefulRedisConnection<String, String> connection;

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "auth-session-cache-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable CountDownLatch probe;

	private volatile @Nullable String probeKey;

	TrackingConnection(RedisClient client, String prefix, HeldRecords records) {
		this.prefix = prefix;
		this.records = records;
		this.connection = client.connect(StringCodec.UTF8);
		this.connection.addListener((PushListener) this::onPush);
		((RedisChannelHandler<?, ?>) this.connection).addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				records.dropAll("the tracking connection was lost");
			}

			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
				trackAgain();
			}

		});
	}

	StatefulRedisConnection<String, String> connection() {
		return this.connection;
	}

	long invalidations() {
		return this.invalidations.get();
	}

	/**
	 * Names the connection, turns tracking on, proves that invalidations arrive (a probe
	 * key written and deleted under the prefix), then lets records be held and starts the
	 * heartbeat.
	 * @param name the connection's name in {@code CLIENT LIST}
	 */
	void start(String name) {
		// named, so operators can tell it in CLIENT LIST
		this.connection.sync().clientSetname(name);
		this.connection.sync().clientTracking(trackingArgs(this.prefix));
		awaitProbe();
		this.records.trackingOn();
		this.heartbeats.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private static TrackingArgs trackingArgs(String prefix) {
		return TrackingArgs.Builder.enabled().bcast().prefixes(prefix);
	}

	private void awaitProbe() {
		CountDownLatch arrived = new CountDownLatch(1);
		String key = this.prefix + "client-cache-probe:" + UUID.randomUUID();
		this.probeKey = key;
		this.probe = arrived;
		this.connection.sync().set(key, "1", SetArgs.Builder.px(PROBE_TIMEOUT.toMillis()));
		this.connection.sync().del(key);
		try {
			if (!arrived.await(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("no invalidation arrived within " + PROBE_TIMEOUT.toSeconds() + " s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		finally {
			this.probe = null;
			this.probeKey = null;
		}
	}

	/**
	 * Checks that the tracking connection still answers within the heartbeat: if not,
	 * everything is dropped and nothing cached until it answers again and tracking is on
	 * again. Pushes and replies share the connection in order, so an answer also means
	 * every invalidation sent before it has arrived.
	 */
	private void heartbeat() {
		try {
			this.connection.async().ping().get(HEARTBEAT.toMillis() * 2, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			this.records.dropAll("the tracking connection did not answer (" + ex.getClass().getSimpleName() + ")");
			return;
		}
		if (this.records.mayTrackAgain()) {
			trackAgain();
		}
	}

	private void onPush(PushMessage message) {
		if (!"invalidate".equals(message.getType())) {
			return;
		}
		List<Object> content = message.getContent(TrackingConnection::decode);
		Object keys = (content.size() > 1) ? content.get(1) : null;
		this.invalidations.incrementAndGet();
		if (!(keys instanceof List<?> list)) {
			// a FLUSHALL or FLUSHDB: every key is gone, and tracking goes on
			this.records.clear();
			return;
		}
		for (Object key : list) {
			if (key instanceof String name) {
				this.records.invalidate(name);
				CountDownLatch arrived = this.probe;
				if (arrived != null && name.equals(this.probeKey)) {
					arrived.countDown();
				}
			}
		}
	}

	private static Object decode(ByteBuffer buffer) {
		return StringCodec.UTF8.decodeKey(buffer);
	}

	/**
	 * Turns tracking on again on a new connection, after a reconnect: the records stay
	 * uncached until Redis confirms, so none read meanwhile escape invalidation.
	 */
	private void trackAgain() {
		this.records.dropAll("tracking is being turned on again");
		long attempt = this.records.retrackingStarted();
		// OFF first: harmless on a fresh server-side client, and clears the prefix if the
		// driver restored tracking itself, which ON with the same prefix would refuse
		this.connection.async().clientTracking(TrackingArgs.Builder.enabled(false));
		this.connection.async().clientTracking(trackingArgs(this.prefix)).whenComplete((reply, failure) -> {
			if (!this.records.retrackingEnded(attempt, failure == null)) {
				return;
			}
			if (failure != null) {
				logger.warn("Session cache off until the next try: tracking could not be turned on again: "
						+ failure.getMessage());
				return;
			}
			logger.info("Session cache on again: Redis tracks the session keys");
		});
	}

	@Override
	public void close() {
		this.heartbeats.shutdownNow();
		this.records.dropAll("closed");
		this.connection.close();
	}

}
