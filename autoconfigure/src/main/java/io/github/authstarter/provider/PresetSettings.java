package io.github.authstarter.provider;

import org.jspecify.annotations.Nullable;

/**
 * The preset-specific values a user sets for a provider.
 *
 * @param tenant the Microsoft Entra tenant (id, domain, {@code common},
 * {@code organizations} or {@code consumers})
 * @param domain the Okta or Auth0 domain
 * @param baseUrl the Keycloak or GitLab base URL
 * @param realm the Keycloak realm
 */
public record PresetSettings(@Nullable String tenant, @Nullable String domain, @Nullable String baseUrl,
		@Nullable String realm) {

	/** No preset-specific value set. */
	public static final PresetSettings NONE = new PresetSettings(null, null, null, null);

}
