package io.github.authstarter.logout;

import java.util.Set;

/**
 * How logout behaves.
 *
 * @param path where logout is posted
 * @param returnPath where the provider sends the browser back after its logout: the
 * {@code post_logout_redirect_uri} to register at the provider
 * @param successPath where users land after logout
 * @param localOnlyProviders providers configured with {@code logout: local}
 * @param styles providers whose logout endpoint takes other parameters: {@code auth0}
 * ({@code /v2/logout} with {@code client_id} and {@code returnTo}) or {@code cognito}
 * ({@code client_id} and {@code logout_uri})
 * @param postLogoutRedirectUris per-provider post-logout redirect URIs that replace the
 * default return path
 * @param keyPrefix the prefix of the logout-state keys in Redis
 * @param providersPath the path of the provider list, which says where logout is
 * supported
 */
public record LogoutSettings(String path, String returnPath, String successPath, Set<String> localOnlyProviders,
		String keyPrefix, String providersPath, java.util.Map<String, String> styles,
		java.util.Map<String, String> postLogoutRedirectUris) {

	boolean localOnly(String provider) {
		return this.localOnlyProviders.contains(provider);
	}

}
