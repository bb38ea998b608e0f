package io.github.authstarter.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.authstarter.provider.ProviderRegistrations;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The providers of a store as one health entry, not one per provider (there may be ten
 * thousand): how many are stored, enabled and in use on this instance, and which of those
 * in use failed their last discovery (the first few ids, without the failures' text). One
 * tenant's provider being down is that tenant's problem, not the application's: the entry
 * is down only when the store cannot be read. No network call.
 */
public final class StoredProvidersHealthIndicator implements HealthIndicator {

	private static final int NAMED = 10;

	private final Supplier<Snapshot> snapshots;

	private final ProviderRegistrations registrations;

	/**
	 * Creates the indicator.
	 * @param snapshots what this instance holds of the store now
	 * @param registrations why a provider's discovery failed
	 */
	public StoredProvidersHealthIndicator(Supplier<Snapshot> snapshots, ProviderRegistrations registrations) {
		this.snapshots = snapshots;
		this.registrations = registrations;
	}

	@Override
	public Health health() {
		Snapshot snapshot;
		try {
			snapshot = this.snapshots.get();
		}
		catch (RuntimeException ex) {
			return Health.down().withDetail("store", "cannot be read (" + ex.getClass().getSimpleName() + ")").build();
		}
		// ids only: a failure's text quotes what the provider's metadata said, which a
		// store writer controls, and which addresses of the server's network answered
		List<String> failing = new ArrayList<>();
		int failures = 0;
		for (String id : snapshot.inUse()) {
			if (this.registrations.discoveryFailure(id) != null) {
				failures++;
				if (failing.size() < NAMED) {
					failing.add(id);
				}
			}
		}
		Health.Builder health = Health.up()
			.withDetail("stored", snapshot.stored())
			.withDetail("enabled", snapshot.enabled())
			.withDetail("inUse", snapshot.inUse().size())
			.withDetail("discoveryFailing", failures);
		return failing.isEmpty() ? health.build() : health.withDetail("failing", failing).build();
	}

	/**
	 * What an instance holds of the store.
	 *
	 * @param stored how many providers the store holds
	 * @param enabled how many of them are enabled
	 * @param inUse the ids of those compiled on this instance (used since start-up), in
	 * id order
	 */
	public record Snapshot(int stored, int enabled, List<String> inUse) {

		/**
		 * A snapshot; the ids are copied.
		 */
		public Snapshot {
			inUse = List.copyOf(new ArrayList<>(inUse));
		}

	}

}
