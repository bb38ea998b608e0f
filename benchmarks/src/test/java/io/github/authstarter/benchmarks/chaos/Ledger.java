package io.github.authstarter.benchmarks.chaos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load saw, second by second: every answer of an instance, the events that
 * invariants are judged on (each with its time, so that it can be held against the fault
 * windows at the end), and the counts of what the users did. Thread-safe; bounded by the
 * run's length.
 */
final class Ledger {

	private final long startNanos = System.nanoTime();

	private final long startMillis = System.currentTimeMillis();

	private final int seconds;

	private final AtomicLongArray requests;

	private final AtomicLongArray errors5xx;

	private final AtomicLongArray unavailable;

	/** Answers' latencies, as (second sent, millis) pairs, in chunks. */
	private final List<float[]> latencies = Collections.synchronizedList(new ArrayList<>());

	private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

	private final List<FaultWindow> faults = new CopyOnWriteArrayList<>();

	private final List<Slow> slow = new ArrayList<>();

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	/**
	 * Session cookie values and ids handed out, for the log scan: one pair per sign-in.
	 */
	private final Set<String> sessions = ConcurrentHashMap.newKeySet();

	/** Answers sent before this are the warm-up's: cold JVMs, not the faults' doing. */
	private final double warmUp;

	Ledger(int seconds, double warmUp) {
		this.seconds = seconds;
		this.warmUp = warmUp;
		this.requests = new AtomicLongArray(seconds + 1);
		this.errors5xx = new AtomicLongArray(seconds + 1);
		this.unavailable = new AtomicLongArray(seconds + 1);
	}

	/** The second of the run at a wall-clock time, such as one the provider reports. */
	double second(long epochMillis) {
		return (epochMillis - this.startMillis) / 1000.0;
	}

	/** Seconds since the load started. */
	double now() {
		return (System.nanoTime() - this.startNanos) / 1e9;
	}

	/**
	 * Records an instance's answer.
	 * @param what the request, such as {@code GET /hello}
	 * @param status the status
	 * @param retryAfter whether a 503 named when to retry
	 * @param startedAt when it was sent ({@link #now()})
	 */
	void answer(String what, int status, boolean retryAfter, double startedAt) {
		double now = now();
		int second = bucket(now);
		this.requests.incrementAndGet(second);
		if (status == 503) {
			this.unavailable.incrementAndGet(second);
			this.events.add(new Event(retryAfter ? Kind.UNAVAILABLE : Kind.UNAVAILABLE_WITHOUT_RETRY_AFTER, now, what));
		}
		else if (status >= 500) {
			this.errors5xx.incrementAndGet(second);
			this.events.add(new Event(Kind.SERVER_ERROR, now, what + " answered " + status));
		}
		if (now - startedAt > 1 && startedAt >= this.warmUp) {
			slow(what, startedAt, now);
		}
		synchronized (this.latencies) {
			float[] last = this.latencies.isEmpty() ? null : this.latencies.get(this.latencies.size() - 1);
			if (last == null || (int) last[0] + 2 > last.length - 1) {
				last = new float[2 * 8192 + 1];
				this.latencies.add(last);
			}
			int at = (int) last[0];
			last[1 + at] = (float) startedAt;
			last[2 + at] = (float) ((now - startedAt) * 1000);
			last[0] = at + 2;
		}
	}

	private void slow(String what, double sent, double answered) {
		synchronized (this.slow) {
			if (this.slow.size() < 10_000) {
				this.slow.add(new Slow(what, sent, answered));
			}
		}
	}

	/**
	 * The answers that took over a second and overlapped no fault window.
	 * @return the answers, slowest first
	 */
	List<Slow> slowOutsideFaults() {
		synchronized (this.slow) {
			return this.slow.stream()
				.filter((answer) -> !inFault(answer.sent(), answer.answered()))
				.sorted((a, b) -> Double.compare(b.answered() - b.sent(), a.answered() - a.sent()))
				.toList();
		}
	}

	/**
	 * Records a request that got no answer (refused, reset, timed out).
	 * @param what the request
	 */
	void noAnswer(String what) {
		double now = now();
		this.requests.incrementAndGet(bucket(now));
		this.events.add(new Event(Kind.NO_ANSWER, now, what));
	}

	void event(Kind kind, String what) {
		this.events.add(new Event(kind, now(), what));
	}

	void count(String what) {
		this.counts.computeIfAbsent(what, (key) -> new LongAdder()).increment();
	}

	long countOf(String what) {
		LongAdder adder = this.counts.get(what);
		return (adder != null) ? adder.sum() : 0;
	}

	Map<String, Long> counts() {
		Map<String, Long> all = new TreeMap<>();
		this.counts.forEach((what, adder) -> all.put(what, adder.sum()));
		return all;
	}

	/**
	 * Remembers a session cookie's value and the id it encodes, which no log may show.
	 * @param cookie the {@code SESSION} cookie's value
	 */
	void session(String cookie) {
		this.sessions.add(cookie);
		this.sessions.add(new String(Base64.getDecoder().decode(cookie), StandardCharsets.ISO_8859_1));
	}

	Set<String> sessions() {
		return this.sessions;
	}

	void fault(FaultWindow window) {
		this.faults.add(window);
	}

	List<FaultWindow> faults() {
		return List.copyOf(this.faults);
	}

	List<Event> events() {
		synchronized (this.events) {
			return List.copyOf(this.events);
		}
	}

	boolean inFault(double second) {
		return this.faults.stream().anyMatch((window) -> window.covers(second));
	}

	/** Whether a request that was sent and answered at these times overlapped a fault. */
	boolean inFault(double sent, double answered) {
		return this.faults.stream().anyMatch((window) -> window.overlaps(sent, answered));
	}

	int seconds() {
		return this.seconds;
	}

	long requests(int second) {
		return this.requests.get(second);
	}

	long errors5xx(int second) {
		return this.errors5xx.get(second);
	}

	long unavailable(int second) {
		return this.unavailable.get(second);
	}

	/**
	 * The latencies of the answers after the warm-up inside fault windows, or outside
	 * them.
	 * @param inside which ones
	 * @return the latencies in milliseconds, sorted
	 */
	float[] latencies(boolean inside) {
		List<Float> chosen = new ArrayList<>();
		synchronized (this.latencies) {
			for (float[] chunk : this.latencies) {
				for (int i = 1; i < 1 + (int) chunk[0]; i += 2) {
					if (chunk[i] >= this.warmUp && inFault(chunk[i], chunk[i] + chunk[i + 1] / 1000) == inside) {
						chosen.add(chunk[i + 1]);
					}
				}
			}
		}
		float[] sorted = new float[chosen.size()];
		for (int i = 0; i < sorted.length; i++) {
			sorted[i] = chosen.get(i);
		}
		Arrays.sort(sorted);
		return sorted;
	}

	private int bucket(double second) {
		return Math.max(0, Math.min(this.seconds, (int) second));
	}

	/** What an invariant is judged on. */
	enum Kind {

		/** A 503 with {@code Retry-After}. */
		UNAVAILABLE,

		/** A 503 without {@code Retry-After}. */
		UNAVAILABLE_WITHOUT_RETRY_AFTER,

		/** Any other 5xx. */
		SERVER_ERROR,

		/** A request without an answer. */
		NO_ANSWER,

		/** A signed-in user found signed out by nobody's doing. */
		SESSION_LOST,

		/**
		 * A signed-in user found signed out shortly after one of the user's own sign-outs
		 * got no answer or a 503: one that took effect although its answer was lost.
		 */
		SIGNED_OUT_BY_UNANSWERED_SIGN_OUT,

		/** An instance still serving a session more than 1 s after its logout. */
		LOGOUT_NOT_SEEN,

		/** A sign-in that an instance refused or failed. */
		LOGIN_FAILED,

		/** A signed-in answer that named another user. */
		WRONG_USER,

		/** An answer no step of the load expects (a 4xx other than a sign-out's 401). */
		UNEXPECTED

	}

	/**
	 * An answer that took over a second.
	 *
	 * @param what the request
	 * @param sent when it was sent
	 * @param answered when it was answered
	 */
	record Slow(String what, double sent, double answered) {
	}

	/**
	 * One event.
	 *
	 * @param kind what happened
	 * @param second when ({@link Ledger#now()})
	 * @param what the details
	 */
	record Event(Kind kind, double second, String what) {
	}

}
