package io.github.authstarter.logout;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How logout behaves.
 *
 * @param path where logout is posted
 * @param returnPath where the provider sends the browser back after its logout: the
 * {@code post_logout_redirect_uri} to register at the provider
 * @param successPath where users land after logout
 * @param styles how each provider's logout works; a provider not listed uses
 * {@link LogoutStyle#PROVIDER}
 * @param postLogoutRedirectUris per-provider post-logout redirect URIs that replace the
 * default return path
 */
public record LogoutSettings(String path, String returnPath, String successPath, Map<String, LogoutStyle> styles,
		Map<String, String> postLogoutRedirectUris) {

	LogoutStyle style(String provider) {
		return this.styles.getOrDefault(provider, LogoutStyle.PROVIDER);
	}

	boolean localOnly(String provider) {
		return style(provider) == LogoutStyle.LOCAL;
	}

	/**
	 * The providers whose logout is local only.
	 * @return their ids
	 */
	public Set<String> localOnlyProviders() {
		return this.styles.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == LogoutStyle.LOCAL)
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
	}

}
