package io.github.authstarter.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * What the starter is configured with while {@link ProfileBenchmark} profiles it, and
 * where its signed-in requests wait for Redis.
 */
enum ProfileMode {

	DEFAULT("", "Without the session cache (the default: one `HGETALL` per request)", "without the cache: `HGETALL`",
			"io.github.authstarter.session.redis.SessionHashReader.read"),

	CACHE("-cache", "With the session cache (`auth.session.client-cache.enabled`, read barrier on)",
			"with the cache: the read barrier's `PING`", "io.github.authstarter.session.redis.ReadBarrier.await"),

	NO_BARRIER("-cache-no-barrier",
			"With the session cache and no read barrier (`auth.session.client-cache.read-barrier: false`)", null, null);

	private final String suffix;

	private final String heading;

	private final @Nullable String waitName;

	private final @Nullable String waitingFrame;

	ProfileMode(String suffix, String heading, @Nullable String waitName, @Nullable String waitingFrame) {
		this.suffix = suffix;
		this.heading = heading;
		this.waitName = waitName;
		this.waitingFrame = waitingFrame;
	}

	String suffix() {
		return this.suffix;
	}

	String heading() {
		return this.heading;
	}

	@Nullable String waitName() {
		return this.waitName;
	}

	@Nullable String waitingFrame() {
		return this.waitingFrame;
	}

}
