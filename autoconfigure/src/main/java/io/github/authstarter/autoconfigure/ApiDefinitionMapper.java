package io.github.authstarter.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.token.ApiDefinition;
import io.github.authstarter.token.ApiGrant;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;

/**
 * Turns {@code auth.providers.<id>.apis.*} into API definitions, refusing at startup,
 * naming the property, what cannot work: a name that cannot be part of
 * {@code corp/graph}, a missing or non-absolute base URL, an API that asks for nothing, a
 * second {@code login} API.
 */
final class ApiDefinitionMapper {

	private ApiDefinitionMapper() {
	}

	static List<ApiDefinition> apis(AuthProperties properties) {
		List<ApiDefinition> apis = new ArrayList<>();
		properties.getProviders().forEach((id, provider) -> apis.addAll(apis(id, provider)));
		return apis;
	}

	static List<ApiDefinition> apis(String providerId, AuthProviderProperties provider) {
		List<ApiDefinition> apis = new ArrayList<>();
		String login = null;
		for (Map.Entry<String, AuthApiProperties> entry : provider.getApis().entrySet()) {
			String prefix = "auth.providers." + providerId + ".apis." + entry.getKey();
			AuthApiProperties api = entry.getValue();
			if (!entry.getKey().matches("[A-Za-z0-9_.-]{1,64}")) {
				throw ProviderPropertiesValidator.invalid(prefix, entry.getKey(),
						"an API name is 1 to 64 letters, digits, '.', '_' or '-'");
			}
			Set<String> scopes = new LinkedHashSet<>();
			api.getScopes().stream().map(String::strip).filter(StringUtils::hasText).forEach(scopes::add);
			String resource = blankToNull(api.getResource());
			String audience = blankToNull(api.getAudience());
			if (scopes.isEmpty() && resource == null && audience == null) {
				throw ProviderPropertiesValidator.invalid(prefix + ".scopes", null,
						"an API needs scopes, a resource or an audience to tell its token apart from the sign-in's");
			}
			if (api.getGrant() == ApiGrant.LOGIN) {
				if (login != null) {
					throw ProviderPropertiesValidator.invalid(prefix + ".grant", "login",
							"only one API of a provider can use the sign-in's token; '" + login + "' already does");
				}
				login = entry.getKey();
			}
			apis.add(new ApiDefinition(providerId, entry.getKey(), scopes, resource, audience, api.getGrant(),
					baseUrl(prefix + ".base-url", api.getBaseUrl())));
		}
		return apis;
	}

	/** The scopes the sign-in itself requests for a provider's {@code login} API. */
	static Set<String> loginScopes(String providerId, AuthProviderProperties provider) {
		return apis(providerId, provider).stream()
			.filter((api) -> api.grant() == ApiGrant.LOGIN)
			.findFirst()
			.map(ApiDefinition::scopes)
			.orElse(Set.of());
	}

	/**
	 * The authorization parameters the sign-in sends for a provider's {@code login} API.
	 */
	static Map<String, String> loginParameters(String providerId, AuthProviderProperties provider) {
		Map<String, String> parameters = new LinkedHashMap<>();
		PropertyMapper map = PropertyMapper.get();
		apis(providerId, provider).stream().filter((api) -> api.grant() == ApiGrant.LOGIN).forEach((api) -> {
			map.from(api.resource()).to((resource) -> parameters.put("resource", resource));
			map.from(api.audience()).to((audience) -> parameters.put("audience", audience));
		});
		return parameters;
	}

	private static URI baseUrl(String property, @Nullable String value) {
		if (ProviderPropertiesValidator.isBlank(value)) {
			throw ProviderPropertiesValidator.invalid(property, null,
					"each API needs the base URL its token may be sent to, such as https://graph.microsoft.com/v1.0");
		}
		try {
			URI url = new URI(value.strip());
			String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null
					|| url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
				throw ProviderPropertiesValidator.invalid(property, value,
						"must be an absolute http or https URL without user info, query or fragment");
			}
			return url;
		}
		catch (URISyntaxException ex) {
			throw ProviderPropertiesValidator.invalid(property, value, "is not a URL: " + ex.getReason());
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return ProviderPropertiesValidator.isBlank(value) ? null : value.strip();
	}

}
