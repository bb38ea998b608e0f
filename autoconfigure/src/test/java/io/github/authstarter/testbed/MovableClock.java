package io.github.authstarter.testbed;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system clock plus however far a test has moved it: the clock of a test bed's
 * instances, so that a test waits for a token to expire by moving time rather than by
 * sleeping. It runs on with the system clock in between, so timeouts and waits still
 * pass, and only ever moves forward, so nothing sees time go back. Instances find their
 * bed's clock by name ({@code test.clock}).
 */
public final class MovableClock extends UtcTestClock {

	private static final Map<String, MovableClock> clocks = new ConcurrentHashMap<>();

	private volatile Duration offset = Duration.ZERO;

	private MovableClock() {
	}

	/**
	 * The clock of the given name, created on first use.
	 * @param name the name, such as a test bed's key space
	 * @return the clock
	 */
	public static MovableClock named(String name) {
		return clocks.computeIfAbsent(name, (key) -> new MovableClock());
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public synchronized void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("A clock only moves forward: " + duration);
		}
		this.offset = this.offset.plus(duration);
	}

	/**
	 * How far the clock has been moved in all.
	 * @return the offset from the system clock
	 */
	public Duration offset() {
		return this.offset;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset);
	}

}
