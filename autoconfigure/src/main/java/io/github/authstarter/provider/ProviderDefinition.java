package io.github.authstarter.provider;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Everything known about a provider at startup, before any network call: what the user
 * configured, completed by the preset.
 *
 * @param registrationId the provider id, used in URLs
 * @param displayName the name shown to users
 * @param preset the preset, or {@code null} for a generic provider
 * @param clientId the client id
 * @param clientSecret the client secret, or {@code null} for a public client
 * @param clientAuthenticationMethod how the client authenticates at the token endpoint,
 * or {@code null} to follow the provider's metadata
 * @param endpoints the endpoints known without discovery
 * @param discoveryLocation the issuer whose metadata is fetched on first use, or
 * {@code null} when the endpoints suffice
 * @param issuerMustMatchDiscovery whether the discovered issuer must equal the discovery
 * location; {@code false} where the provider maps an alias (a Microsoft tenant domain) to
 * its canonical issuer
 * @param scopes the scopes to request
 * @param userNameAttribute the attribute that names the user
 * @param redirectUri the callback URI template
 * @param authorizationParameters extra parameters on the authorization request
 * @param pkce whether to use PKCE
 * @param responseMode how the provider returns the response
 * @param tenant the Microsoft tenant, or {@code null}
 * @param logo the image shown beside the provider (a path of the application or an https
 * URL), or {@code null}
 */
public record ProviderDefinition(String registrationId, String displayName, @Nullable ProviderPreset preset,
		String clientId, @Nullable String clientSecret, @Nullable ClientAuthenticationMethod clientAuthenticationMethod,
		ProviderEndpoints endpoints, @Nullable String discoveryLocation, boolean issuerMustMatchDiscovery,
		Set<String> scopes, String userNameAttribute, String redirectUri, Map<String, String> authorizationParameters,
		boolean pkce, ResponseMode responseMode, @Nullable String tenant, @Nullable String logo) {

	/**
	 * A definition without a logo.
	 */
	@SuppressWarnings("java:S107")
	public ProviderDefinition(String registrationId, String displayName, @Nullable ProviderPreset preset,
			String clientId, @Nullable String clientSecret,
			@Nullable ClientAuthenticationMethod clientAuthenticationMethod, ProviderEndpoints endpoints,
			@Nullable String discoveryLocation, boolean issuerMustMatchDiscovery, Set<String> scopes,
			String userNameAttribute, String redirectUri, Map<String, String> authorizationParameters, boolean pkce,
			ResponseMode responseMode, @Nullable String tenant) {
		this(registrationId, displayName, preset, clientId, clientSecret, clientAuthenticationMethod, endpoints,
				discoveryLocation, issuerMustMatchDiscovery, scopes, userNameAttribute, redirectUri,
				authorizationParameters, pkce, responseMode, tenant, null);
	}

	/**
	 * Whether the provider issues id tokens.
	 * @return whether {@code openid} is among the scopes
	 */
	public boolean openId() {
		return this.scopes.contains("openid");
	}

	/**
	 * Whether a network call to the provider is needed before the first login.
	 * @return whether discovery is needed
	 */
	public boolean needsDiscovery() {
		return this.discoveryLocation != null;
	}

	@Override
	public String toString() {
		return "ProviderDefinition[" + this.registrationId + "]";
	}

}
