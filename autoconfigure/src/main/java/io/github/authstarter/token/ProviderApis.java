package io.github.authstarter.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The APIs of every provider ({@code auth.providers.<id>.apis.*}).
 */
public final class ProviderApis {

	private final Map<String, Map<String, ApiDefinition>> byProvider = new LinkedHashMap<>();

	private final Function<String, List<ApiDefinition>> stored;

	/**
	 * Creates the list.
	 * @param apis every provider's APIs
	 */
	public ProviderApis(List<ApiDefinition> apis) {
		this(apis, (provider) -> List.of());
	}

	/**
	 * Creates the list with the APIs of the providers of a store, looked up at each use.
	 * @param apis the APIs of {@code auth.providers.*}
	 * @param stored a stored provider's APIs, by provider id
	 */
	public ProviderApis(List<ApiDefinition> apis, Function<String, List<ApiDefinition>> stored) {
		this.stored = stored;
		for (ApiDefinition api : apis) {
			this.byProvider.computeIfAbsent(api.provider(), (provider) -> new LinkedHashMap<>()).put(api.name(), api);
		}
	}

	/**
	 * One API of a provider.
	 * @param provider the provider id
	 * @param name the API's name
	 * @return the API, or {@code null} when not configured
	 */
	public @Nullable ApiDefinition find(String provider, String name) {
		return of(provider).get(name);
	}

	/**
	 * One API of a provider that application code names.
	 * @param provider the provider id
	 * @param name the API's name
	 * @return the API
	 * @throws IllegalArgumentException naming the property when it is not configured
	 */
	public ApiDefinition get(String provider, String name) {
		ApiDefinition api = find(provider, name);
		if (api == null) {
			throw new IllegalArgumentException("No API '" + name + "' for provider '" + provider
					+ "': configure auth.providers." + provider + ".apis." + name);
		}
		return api;
	}

	/**
	 * The API named by a Spring Security registration id such as {@code corp/graph}.
	 * @param registrationId the registration id
	 * @return the API, or {@code null} when the id names none
	 */
	public @Nullable ApiDefinition byRegistrationId(String registrationId) {
		int slash = registrationId.indexOf('/');
		return (slash > 0) ? find(registrationId.substring(0, slash), registrationId.substring(slash + 1)) : null;
	}

	/**
	 * A provider's APIs.
	 * @param provider the provider id
	 * @return its APIs by name
	 */
	public Map<String, ApiDefinition> of(String provider) {
		Map<String, ApiDefinition> configured = this.byProvider.get(provider);
		if (configured != null) {
			return Map.copyOf(configured);
		}
		Map<String, ApiDefinition> apis = new LinkedHashMap<>();
		this.stored.apply(provider).forEach((api) -> apis.put(api.name(), api));
		return apis;
	}

}
