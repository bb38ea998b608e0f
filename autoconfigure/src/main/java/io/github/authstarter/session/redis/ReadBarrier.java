package io.github.authstarter.session.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;

/**
 * A {@code PING} on the session cache's tracking connection sent after the caller
 * arrived: pushes and replies share the connection in order, and the driver hands each
 * push to the listener before it completes the reply that follows it, so once it returns
 * every invalidation Redis sent before has been applied. Concurrent callers share one
 * round trip (a caller that arrives while one is in flight waits for the next, which then
 * serves everyone who arrived meanwhile).
 */
final class ReadBarrier {

	private final StatefulRedisConnection<String, String> connection;

	private final Duration timeout;

	private final Object monitor = new Object();

	/** The round trip in flight, if any. */
	private @Nullable CompletableFuture<?> inFlight;

	/** What callers that arrived while {@link #inFlight} was in flight wait for. */
	private @Nullable CompletableFuture<Object> next;

	private final AtomicLong pings = new AtomicLong();

	private final AtomicLong waits = new AtomicLong();

	ReadBarrier(StatefulRedisConnection<String, String> connection, Duration timeout) {
		this.connection = connection;
		this.timeout = timeout;
	}

	/**
	 * Waits for a round trip sent after this call.
	 * @return whether it returned in time; if not, nothing held may be trusted now
	 */
	boolean await() {
		CompletableFuture<?> barrier;
		synchronized (this.monitor) {
			if (this.inFlight == null || this.inFlight.isDone()) {
				this.inFlight = ping();
				barrier = this.inFlight;
			}
			else {
				if (this.next == null) {
					this.next = new CompletableFuture<>();
				}
				barrier = this.next;
			}
		}
		try {
			barrier.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			this.waits.incrementAndGet();
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Round trips sent since start: fewer than the callers they served when callers
	 * arrive together.
	 * @return the count
	 */
	long pings() {
		return this.pings.get();
	}

	/**
	 * Callers that waited for a round trip since start.
	 * @return the count
	 */
	long waits() {
		return this.waits.get();
	}

	private CompletableFuture<?> ping() {
		this.pings.incrementAndGet();
		CompletableFuture<String> ping = this.connection.async().ping().toCompletableFuture();
		ping.whenComplete((reply, failure) -> {
			synchronized (this.monitor) {
				// a ping that failed at once completes before it is in flight: the caller
				// that sent it sees it done, and the next caller sends another
				if (this.inFlight != ping) {
					return;
				}
				CompletableFuture<Object> waiting = this.next;
				this.next = null;
				this.inFlight = null;
				if (waiting != null) {
					CompletableFuture<?> again = ping();
					this.inFlight = again;
					again.whenComplete((answer, error) -> {
						if (error != null) {
							waiting.completeExceptionally(error);
						}
						else {
							waiting.complete(answer);
						}
					});
				}
			}
		});
		return ping;
	}

}
