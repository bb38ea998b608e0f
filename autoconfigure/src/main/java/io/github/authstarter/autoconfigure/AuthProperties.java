package io.github.authstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the starter, under {@code auth}.
 */
@ConfigurationProperties("auth")
public class AuthProperties {

	/** The providers users can sign in with, by id; the id appears in URLs. */
	private Map<String, AuthProviderProperties> providers = new LinkedHashMap<>();

	/** Fetching provider metadata by issuer. */
	@NestedConfigurationProperty
	private final AuthDiscoveryProperties discovery = new AuthDiscoveryProperties();

	/** Where login starts and where providers send users back. */
	@NestedConfigurationProperty
	private final AuthLoginProperties login = new AuthLoginProperties();

	/** Server-side token refresh. */
	@NestedConfigurationProperty
	private final AuthRefreshProperties refresh = new AuthRefreshProperties();

	/** Logout, local and at the provider. */
	@NestedConfigurationProperty
	private final AuthLogoutProperties logout = new AuthLogoutProperties();

	public AuthLogoutProperties getLogout() {
		return this.logout;
	}

	/** The current user's JSON endpoint. */
	@NestedConfigurationProperty
	private final AuthUserProperties user = new AuthUserProperties();

	/** The signed-in user's sessions on every device. */
	@NestedConfigurationProperty
	private final AuthSessionsProperties sessions = new AuthSessionsProperties();

	public AuthSessionsProperties getSessions() {
		return this.sessions;
	}

	/** Calls to the providers' APIs with the signed-in user's tokens. */
	@NestedConfigurationProperty
	private final AuthApisProperties apis = new AuthApisProperties();

	public AuthApisProperties getApis() {
		return this.apis;
	}

	@NestedConfigurationProperty
	private final AuthWebProperties web = new AuthWebProperties();

	public AuthWebProperties getWeb() {
		return this.web;
	}

	public AuthRefreshProperties getRefresh() {
		return this.refresh;
	}

	public AuthUserProperties getUser() {
		return this.user;
	}

	/** Login-flow state kept in Redis between the login start and the callback. */
	@NestedConfigurationProperty
	private final AuthFlowProperties flow = new AuthFlowProperties();

	/** The starter's own keys in Redis. */
	@NestedConfigurationProperty
	private final AuthRedisProperties redis = new AuthRedisProperties();

	/** Every HTTP call to a provider. */
	@NestedConfigurationProperty
	private final AuthHttpProperties http = new AuthHttpProperties();

	public AuthHttpProperties getHttp() {
		return this.http;
	}

	public AuthRedisProperties getRedis() {
		return this.redis;
	}

	/** The signed-in user's session record. */
	@NestedConfigurationProperty
	private final AuthSessionProperties session = new AuthSessionProperties();

	/** The per-provider health contributor. */
	@NestedConfigurationProperty
	private final AuthHealthProperties health = new AuthHealthProperties();

	/** Providers kept in a store and changed while the application runs. */
	@NestedConfigurationProperty
	private final AuthProviderStoreProperties providerStore = new AuthProviderStoreProperties();

	public AuthProviderStoreProperties getProviderStore() {
		return this.providerStore;
	}

	/** Which tenant each request is for. */
	@NestedConfigurationProperty
	private final AuthTenantsProperties tenants = new AuthTenantsProperties();

	public AuthTenantsProperties getTenants() {
		return this.tenants;
	}

	public AuthHealthProperties getHealth() {
		return this.health;
	}

	public AuthSessionProperties getSession() {
		return this.session;
	}

	public AuthFlowProperties getFlow() {
		return this.flow;
	}

	public Map<String, AuthProviderProperties> getProviders() {
		return this.providers;
	}

	public void setProviders(Map<String, AuthProviderProperties> providers) {
		this.providers = providers;
	}

	public AuthDiscoveryProperties getDiscovery() {
		return this.discovery;
	}

	public AuthLoginProperties getLogin() {
		return this.login;
	}

}
