package io.github.authstarter.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The APIs of every provider ({@code auth.providers.<id>.apis.*}).
 */
public final class ProviderApis {

	private final Map<String, Map<String, ApiDefinition>> byProvider = new LinkedHashMap<>();

	/**
	 * Creates the list.
	 * @param apis every provider's APIs
	 */
	public ProviderApis(List<ApiDefinition> apis) {
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
		return this.byProvider.getOrDefault(provider, Map.of()).get(name);
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
		return Map.copyOf(this.byProvider.getOrDefault(provider, Map.of()));
	}

}
