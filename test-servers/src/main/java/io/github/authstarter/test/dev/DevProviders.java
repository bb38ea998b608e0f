package io.github.authstarter.test.dev;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Which of the application's providers the development provider serves: every one whose
 * issuer does not answer, or a provider {@code dev} when none is configured.
 */
final class DevProviders {

	/** The id of the provider registered when the application configures none. */
	static final String DEV = "dev";

	/**
	 * The settings that belong to one preset, blanked when the dev provider serves it.
	 */
	private static final List<String> PRESET_SETTINGS = List.of("tenant", "domain", "realm", "base-url", "team-id",
			"key-id");

	private final Map<String, String> served = new LinkedHashMap<>();

	private final Map<String, String> kept = new LinkedHashMap<>();

	private final Map<String, Map<String, Object>> configured;

	private DevProviders(Map<String, Map<String, Object>> configured) {
		this.configured = configured;
	}

	static DevProviders choose(Binder binder) {
		Map<String, Map<String, Object>> providers = binder
			.bind("auth.providers", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of())
			.entrySet()
			.stream()
			.collect(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey(), settings(entry.getValue())),
					Map::putAll);
		DevProviders chosen = new DevProviders(providers);
		if (providers.isEmpty()) {
			chosen.served.put(DEV, "no provider is configured");
			return chosen;
		}
		providers.forEach((id, settings) -> {
			Object issuer = settings.get("issuer-uri");
			if (issuer == null || issuer.toString().isBlank()) {
				chosen.served.put(id, "it has no issuer-uri");
			}
			else if (answers(issuer.toString())) {
				chosen.kept.put(id, issuer + " answers");
			}
			else {
				chosen.served.put(id, issuer + " does not answer");
			}
		});
		return chosen;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> settings(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	/** Whether the issuer's discovery document is there, within two seconds. */
	private static boolean answers(String issuer) {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			String location = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
			HttpResponse<Void> response = client.send(
					HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(2)).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return false;
		}
	}

	/**
	 * The provider ids served by the development provider, with why.
	 * @return the ids and reasons
	 */
	Map<String, String> served() {
		return this.served;
	}

	/**
	 * The provider ids left as configured, with why.
	 * @return the ids and reasons
	 */
	Map<String, String> kept() {
		return this.kept;
	}

	/**
	 * The properties that point the served providers at the development provider.
	 * @param issuer its issuer
	 * @param clientId the client id registered there
	 * @param clientSecret the client secret
	 * @return the properties
	 */
	Map<String, Object> properties(String issuer, String clientId, String clientSecret) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String id : this.served.keySet()) {
			String prefix = "auth.providers." + id + ".";
			properties.put(prefix + "issuer-uri", issuer);
			properties.put(prefix + "client-id", clientId);
			properties.put(prefix + "client-secret", clientSecret);
			properties.put(prefix + "client-authentication-method", "client_secret_basic");
			// a preset (chosen by the id, like google) would expect its own provider
			properties.put(prefix + "preset", "none");
			for (String setting : PRESET_SETTINGS) {
				properties.put(prefix + setting, "");
			}
			Map<String, Object> settings = this.configured.getOrDefault(id, Map.of());
			// the sign-in button says it is not the real provider
			Object name = settings.get("display-name");
			properties.put(prefix + "display-name",
					(this.configured.containsKey(id)) ? ((name != null) ? name : id) + " (dev)" : "Dev provider");
			// the dev users' roles are authorities, unless the application says otherwise
			if (!settings.containsKey("authorities")) {
				properties.put(prefix + "authorities.claims", "roles");
			}
		}
		return properties;
	}

	/**
	 * The scopes of the served providers' APIs with their audiences, so the development
	 * provider issues each API's token for that API alone, as the real one would.
	 * @return the audience of each scope
	 */
	Map<String, String> apiScopes() {
		Map<String, String> scopes = new LinkedHashMap<>();
		for (String id : this.served.keySet()) {
			settings(this.configured.getOrDefault(id, Map.of()).get("apis")).values().forEach((api) -> {
				Map<String, Object> apiSettings = settings(api);
				Object audience = apiSettings.get("audience");
				if (audience != null) {
					values(apiSettings.get("scopes")).forEach((scope) -> scopes.put(scope, audience.toString()));
				}
			});
		}
		return scopes;
	}

	/** A list as bound into a map: a comma-separated value, or entries by index. */
	private static List<String> values(Object value) {
		if (value instanceof Map<?, ?> indexed) {
			return indexed.values().stream().map(Object::toString).toList();
		}
		if (value instanceof String text && !text.isBlank()) {
			return List.of(text.split("\\s*,\\s*"));
		}
		return List.of();
	}

	List<String> ids() {
		return new ArrayList<>(this.served.keySet());
	}

}
