package io.github.authstarter.autoconfigure;

/**
 * Server-assisted client-side caching of session records (Redis 6+ client tracking).
 */
public class AuthClientCacheProperties {

	/**
	 * Whether each instance keeps the session records it read in memory, told by Redis
	 * (client tracking, RESP3) the moment any instance changes or deletes one, so that an
	 * unchanged signed-in request costs no Redis round trip. Needs a standalone Redis 6
	 * or later through Lettuce; refused at startup on Cluster and Sentinel.
	 */
	private boolean enabled = false;

	/**
	 * How many session records an instance keeps at most; the least recently used are
	 * dropped first.
	 */
	private int maxSize = 10_000;

	/**
	 * Whether a record is answered from memory only after one round trip on the tracking
	 * connection, shared by the requests that arrive meanwhile, has applied every
	 * invalidation Redis sent before the request arrived: a logout on another instance is
	 * then seen by the very next request, always. Off, an unchanged request costs no
	 * round trip at all, and a change elsewhere is seen as soon as Redis's push arrives,
	 * usually well within a millisecond but with no bound when the instance is starved of
	 * CPU.
	 */
	private boolean readBarrier = true;

	public boolean isReadBarrier() {
		return this.readBarrier;
	}

	public void setReadBarrier(boolean readBarrier) {
		this.readBarrier = readBarrier;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(int maxSize) {
		if (maxSize < 1) {
			throw new IllegalArgumentException("must be at least 1, but was " + maxSize);
		}
		this.maxSize = maxSize;
	}

}
