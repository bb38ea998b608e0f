package io.github.authstarter.benchmarks.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Each instance's heap after a full collection, sampled through the run: a leak grows it.
 * Only a live instance's samples count, from its last start on.
 */
final class HeapSamples {

	/** Samples taken before this many seconds of an instance's life are warm-up. */
	static final double WARM_UP_SECONDS = 120;

	private final List<List<double[]>> samples = new ArrayList<>();

	HeapSamples(int instances) {
		for (int i = 0; i < instances; i++) {
			this.samples.add(new ArrayList<>());
		}
	}

	/** A restarted instance starts afresh. */
	synchronized void restarted(int instance) {
		this.samples.get(instance).clear();
	}

	synchronized void add(int instance, double second, long kib) {
		if (kib > 0) {
			this.samples.get(instance).add(new double[] { second, kib });
		}
	}

	/**
	 * The verdict for one instance: the last sample against the median of those after
	 * warm-up.
	 * @param instance the instance
	 * @return the figures, or {@code null} when it has too few samples after warm-up
	 */
	synchronized Flatness flatness(int instance) {
		List<double[]> all = this.samples.get(instance);
		if (all.isEmpty()) {
			return null;
		}
		double born = all.get(0)[0];
		double[] warm = all.stream()
			.filter((sample) -> sample[0] - born >= WARM_UP_SECONDS)
			.mapToDouble((sample) -> sample[1])
			.toArray();
		if (warm.length < 5) {
			return null;
		}
		double[] sorted = warm.clone();
		Arrays.sort(sorted);
		return new Flatness(sorted[sorted.length / 2], warm[warm.length - 1], warm.length);
	}

	/**
	 * Heap after GC, in KiB.
	 *
	 * @param median the median after warm-up
	 * @param last the last sample
	 * @param samples how many samples after warm-up
	 */
	record Flatness(double median, double last, int samples) {

		boolean flat() {
			return this.last <= this.median * 1.10;
		}

	}

}
