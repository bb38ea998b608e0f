package io.github.authstarter.autoconfigure;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One setting of every provider, by id, as the starter's parts read it: the value of
 * {@code auth.providers.<id>} when the id is configured there, otherwise the stored
 * provider's, looked up at each read so a change in the store is seen at the next
 * request. Iterating lists the configured providers only: the stored ones are looked up
 * by id, never listed (there may be ten thousand).
 *
 * @param <V> the setting's type
 */
final class ProviderSettingMap<V> extends AbstractMap<String, V> {

	private final Map<String, V> configured;

	private final @Nullable StoredProviders stored;

	private final Function<CompiledProvider, @Nullable V> setting;

	private ProviderSettingMap(Map<String, V> configured, @Nullable StoredProviders stored,
			Function<CompiledProvider, @Nullable V> setting) {
		this.configured = Map.copyOf(configured);
		this.stored = stored;
		this.setting = setting;
	}

	/**
	 * The configured values, then the stored providers' (of those that may be used).
	 * @param configured the values of {@code auth.providers.*}
	 * @param stored the stored providers, or {@code null} without a store
	 * @param setting reads the value of a stored provider
	 * @param <V> the setting's type
	 * @return the map
	 */
	static <V> Map<String, V> of(Map<String, V> configured, @Nullable StoredProviders stored,
			Function<CompiledProvider, @Nullable V> setting) {
		return (stored != null) ? new ProviderSettingMap<>(configured, stored, setting) : configured;
	}

	@Override
	public @Nullable V get(Object key) {
		V value = this.configured.get(key);
		if (value != null || this.stored == null || !(key instanceof String id)) {
			return value;
		}
		CompiledProvider provider = this.stored.active(id);
		return (provider != null) ? this.setting.apply(provider) : null;
	}

	@Override
	public boolean containsKey(Object key) {
		return this.configured.containsKey(key) || get(key) != null;
	}

	@Override
	public Set<Entry<String, V>> entrySet() {
		return Collections.unmodifiableSet(this.configured.entrySet());
	}

}
