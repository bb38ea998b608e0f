package io.github.authstarter.testbed;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock a test moves forward by hand, for backoffs, intervals and expiry.
 */
public final class MutableClock extends UtcTestClock {

	private volatile Instant now;

	/**
	 * A clock at the start of 2026.
	 */
	public MutableClock() {
		this(Instant.parse("2026-01-01T00:00:00Z"));
	}

	/**
	 * A clock at the given instant.
	 * @param now where it starts
	 */
	public MutableClock(Instant now) {
		this.now = now;
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
