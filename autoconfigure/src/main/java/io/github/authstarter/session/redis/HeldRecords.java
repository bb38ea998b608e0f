package io.github.authstarter.session.redis;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The records a {@link TrackedSessionCache} holds, the reads in flight that may store
 * one, and whether tracking is on so that any may be held: all of it under one lock, so
 * that a record is never stored, or answered, across a moment when invalidations were
 * lost.
 */
final class HeldRecords {

	private static final Log logger = LogFactory.getLog(TrackedSessionCache.class);

	private final Map<String, Map<String, Object>> entries;

	/**
	 * Reads in flight, by key: only the one that still holds its key may store. Each read
	 * releases its reservation when it ends, stored or not, so this holds no more than
	 * the reads under way; the bound is for a flood of concurrent reads, which are then
	 * simply not cached.
	 */
	private final Map<String, Object> reservations = new HashMap<>();

	private final int maxReservations;

	private boolean tracking;

	/** Whether turning tracking on again is under way. */
	private boolean retracking;

	/**
	 * Counts the attempts to turn tracking on again: only the latest may switch the cache
	 * on, as an earlier one's {@code ON} may be followed by a later one's {@code OFF}.
	 */
	private long attempts;

	HeldRecords(int maxSize) {
		this.maxReservations = Math.max(maxSize, 1);
		this.entries = new LinkedHashMap<>(Math.min(maxSize, 1024), 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
				return size() > maxSize;
			}

		};
	}

	synchronized @Nullable Map<String, Object> get(String key) {
		return this.tracking ? this.entries.get(key) : null;
	}

	synchronized boolean holds(String key) {
		return this.entries.containsKey(key);
	}

	synchronized @Nullable Object reserve(String key) {
		if (!this.tracking || this.reservations.size() >= this.maxReservations) {
			return null;
		}
		Object reservation = new Object();
		this.reservations.put(key, reservation);
		return reservation;
	}

	synchronized void store(Object reservation, String key, Map<String, Object> record) {
		if (this.tracking && this.reservations.get(key) == reservation) {
			this.reservations.remove(key);
			this.entries.put(key, Map.copyOf(record));
		}
	}

	synchronized void release(Object reservation, String key) {
		this.reservations.remove(key, reservation);
	}

	synchronized void invalidate(String key) {
		this.entries.remove(key);
		this.reservations.remove(key);
	}

	/** Forgets everything, tracking going on (a {@code FLUSHALL} or {@code FLUSHDB}). */
	synchronized void clear() {
		this.entries.clear();
		this.reservations.clear();
	}

	/** Forgets everything and holds nothing more until tracking is on again. */
	synchronized void dropAll(String reason) {
		if (this.tracking) {
			logger.info("Session cache dropped (" + this.entries.size() + " records): " + reason);
		}
		this.tracking = false;
		this.entries.clear();
		this.reservations.clear();
	}

	synchronized int size() {
		return this.entries.size();
	}

	synchronized int reservations() {
		return this.reservations.size();
	}

	synchronized boolean tracking() {
		return this.tracking;
	}

	synchronized void trackingOn() {
		this.tracking = true;
	}

	/** Whether tracking is off and nobody is turning it on again. */
	synchronized boolean mayTrackAgain() {
		return !this.tracking && !this.retracking;
	}

	/** An attempt to turn tracking on again begins; its number. */
	synchronized long retrackingStarted() {
		this.retracking = true;
		return ++this.attempts;
	}

	/**
	 * An attempt ended: it decides only if it is the latest.
	 * @param attempt the attempt's number, from {@link #retrackingStarted()}
	 * @param on whether Redis turned tracking on
	 * @return whether it decided
	 */
	synchronized boolean retrackingEnded(long attempt, boolean on) {
		if (attempt != this.attempts) {
			return false;
		}
		this.retracking = false;
		this.tracking = on;
		return true;
	}

}
