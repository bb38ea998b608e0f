package io.github.authstarter.benchmarks.chaos;

/**
 * One injected fault: what, from when to when (seconds since the load started), and what
 * was measured as it began.
 *
 * @param kind the fault
 * @param start when it began
 * @param end when the system was whole again
 * @param detail what it hit, and figures taken as it began
 * @param lostBytes for a Redis master kill: the bytes of writes the master had made that
 * the promoted replica never had (0 when every acknowledged write reached it; -1 when not
 * measured)
 */
record FaultWindow(Fault kind, double start, double end, String detail, long lostBytes) {

	/**
	 * After a fault ends, how long its after-effects may last (a 503, a refused
	 * connection).
	 */
	static final double GRACE_SECONDS = 5;

	boolean covers(double second) {
		return second >= this.start && second <= this.end + GRACE_SECONDS;
	}

	boolean overlaps(double from, double to) {
		return to >= this.start && from <= this.end + GRACE_SECONDS;
	}

	/** The faults of the soak. */
	enum Fault {

		/** {@code kill -9} of an instance, then a restart. */
		INSTANCE_KILLED("instance kill -9"),

		/**
		 * {@code kill -9} of the Redis master; Sentinel promotes the replica; the old one
		 * returns as replica.
		 */
		REDIS_MASTER_KILLED("Redis master kill -9"),

		/** The provider stopped for 10 s. */
		PROVIDER_STOPPED("provider stopped"),

		/**
		 * {@code SIGSTOP}/{@code SIGCONT} of an instance while it holds a refresh lock.
		 */
		INSTANCE_PAUSED("instance paused holding a refresh lock");

		private final String label;

		Fault(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

}
