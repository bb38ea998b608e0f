package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.tenant.ProviderSource;
import io.github.authstarter.tenant.StoredProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The summary of every stored provider, read on first use and again every refresh
 * interval by one request while the others go on with those held. Changes announced while
 * a read runs are handed back once it is done, so a disable or a removal read before it
 * is never undone by it.
 */
final class StoredProviderSummaries {

	private static final Log logger = LogFactory.getLog(StoredProviderSummaries.class);

	/** How long a failed first read is answered without trying again. */
	private static final long FAILED_READ_MILLIS = 1_000;

	/** How long a request waits for the first read another one runs. */
	private static final long FIRST_READ_WAIT_MILLIS = 2_000;

	private final ProviderSource source;

	private final Clock clock;

	private final long refreshMillis;

	private final ReentrantLock reading = new ReentrantLock();

	private final Set<String> changedDuringRead = ConcurrentHashMap.newKeySet();

	private volatile @Nullable Map<String, StoredProvider.Summary> summaries;

	private volatile long readAt;

	private volatile @Nullable RuntimeException firstReadFailure;

	private volatile long firstReadFailedAt;

	StoredProviderSummaries(ProviderSource source, Clock clock, Duration refreshInterval) {
		this.source = source;
		this.clock = clock;
		this.refreshMillis = refreshInterval.toMillis();
	}

	/** The summaries held, or {@code null} before the first read. */
	@Nullable Map<String, StoredProvider.Summary> held() {
		return this.summaries;
	}

	/**
	 * A change announced now: a read running may have read the provider before it.
	 * @param id the provider id
	 */
	void changed(String id) {
		this.changedDuringRead.add(id);
	}

	/**
	 * The summaries, read again when they are older than the refresh interval.
	 * @param afterRead given what was just read, and the ids announced changed meanwhile
	 * @return the summaries, which the caller may change for a provider read alone
	 * @throws ProviderUnavailableException when the store has never been read and cannot
	 * be now
	 */
	Map<String, StoredProvider.Summary> get(Consumer<Set<String>> afterRead) {
		Map<String, StoredProvider.Summary> held = this.summaries;
		long now = this.clock.millis();
		if (held != null && (now - this.readAt < this.refreshMillis || this.reading.isHeldByCurrentThread())) {
			// fresh, or this thread is reading them and announcing a change meanwhile
			return held;
		}
		if (held != null && !this.reading.tryLock()) {
			// another request is reading them: the ones held serve meanwhile
			return held;
		}
		if (held == null) {
			refuseWhileTheFirstReadFailed(now);
			try {
				// the first read, which every request waits for: not for ever
				if (!this.reading.tryLock(FIRST_READ_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
					throw new ProviderUnavailableException("store", "the provider store is being read",
							new IllegalStateException("waited " + FIRST_READ_WAIT_MILLIS + " ms for its first read"));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ProviderUnavailableException("store", "interrupted waiting for the provider store", ex);
			}
		}
		try {
			Map<String, StoredProvider.Summary> current = this.summaries;
			if (current != held && current != null) {
				return current;
			}
			if (held == null) {
				// waited while another read failed: its answer holds for this one too
				refuseWhileTheFirstReadFailed(this.clock.millis());
			}
			return read(held, now, afterRead);
		}
		finally {
			this.reading.unlock();
		}
	}

	private void refuseWhileTheFirstReadFailed(long now) {
		RuntimeException failure = this.firstReadFailure;
		if (failure != null && now - this.firstReadFailedAt < FAILED_READ_MILLIS) {
			// never read and just failed: requests do not queue up to try again
			throw new ProviderUnavailableException("store", "the provider store cannot be read", failure);
		}
	}

	private Map<String, StoredProvider.Summary> read(@Nullable Map<String, StoredProvider.Summary> held, long now,
			Consumer<Set<String>> afterRead) {
		Map<String, StoredProvider.Summary> read = new ConcurrentHashMap<>();
		this.changedDuringRead.clear();
		try {
			this.source.summaries().forEach((summary) -> read.put(summary.id(), summary));
		}
		catch (RuntimeException ex) {
			if (held == null) {
				this.firstReadFailure = ex;
				// when it failed, which may be long after it started
				this.firstReadFailedAt = this.clock.millis();
				throw new ProviderUnavailableException("store", "the provider store cannot be read", ex);
			}
			// the store is down: the providers known serve until it is back
			logger.warn("Could not read the stored providers again: " + ex.getMessage());
			this.readAt = now;
			return held;
		}
		this.summaries = read;
		this.readAt = now;
		this.firstReadFailure = null;
		afterRead.accept(Set.copyOf(this.changedDuringRead));
		return read;
	}

}
