package io.github.authstarter.autoconfigure;

import java.time.Duration;

import io.github.authstarter.provider.ProviderKeySets;
import org.jspecify.annotations.Nullable;

/**
 * Where one provider is: its issuer or endpoints, the values presets build them from, its
 * keys and its TLS. Part of {@link AuthProviderProperties}.
 */
public abstract class AuthProviderEndpointsProperties extends AuthProviderClientProperties {

	static final Duration DEFAULT_JWKS_REFETCH_INTERVAL = Duration.ofSeconds(30);

	/**
	 * Issuer whose OpenID Connect metadata is discovered on first use. Required, and
	 * https (http only on loopback), with tls_client_auth or self_signed_tls_client_auth.
	 */
	private @Nullable String issuerUri;

	/** Authorization endpoint; overrides the preset and discovery. */
	private @Nullable String authorizationUri;

	/**
	 * Token endpoint; overrides the preset and discovery, except under mutual TLS, where
	 * the provider's mtls_endpoint_aliases win.
	 */
	private @Nullable String tokenUri;

	/**
	 * User-info endpoint; overrides the preset and discovery, except under mutual TLS,
	 * where the provider's mtls_endpoint_aliases win.
	 */
	private @Nullable String userInfoUri;

	/** JSON Web Key Set endpoint; overrides the preset and discovery. */
	private @Nullable String jwkSetUri;

	/** RP-initiated logout endpoint; overrides the preset and discovery. */
	private @Nullable String endSessionUri;

	/**
	 * Token revocation endpoint (RFC 7009); overrides the preset and discovery, except
	 * under mutual TLS, where the provider's mtls_endpoint_aliases win.
	 */
	private @Nullable String revocationUri;

	/**
	 * Microsoft Entra tenant: an id, a domain, common, organizations or consumers;
	 * defaults to common (then allowed-tenants is required).
	 */
	private @Nullable String tenant;

	/** Okta or Auth0 domain, such as dev-123.okta.com. */
	private @Nullable String domain;

	/** Keycloak or self-managed GitLab base URL. */
	private @Nullable String baseUrl;

	/** Keycloak realm. */
	private @Nullable String realm;

	/**
	 * Issuer identifier of a provider configured by explicit endpoints, checked in id
	 * tokens and in the authorization response (RFC 9207); with issuer-uri the discovered
	 * issuer is used instead.
	 */
	private @Nullable String issuer;

	/**
	 * Shortest time between two fetches of the provider's key set for a token that names
	 * a key not seen yet.
	 */
	private Duration jwksRefetchInterval = DEFAULT_JWKS_REFETCH_INTERVAL;

	/** How long a fetched key set is trusted before it must be fetched again. */
	private Duration jwksMaxAge = ProviderKeySets.DEFAULT_MAX_AGE;

	/**
	 * SSL bundle (spring.ssl.bundle.*) to trust the provider with, such as a private CA;
	 * by default the JVM's trust store. Its key store, if any, is the client certificate
	 * presented to the provider and to its APIs without an ssl-bundle of their own
	 * (mutual TLS, required by tls_client_auth). A name with no bundle fails at startup.
	 */
	private @Nullable String sslBundle;

	public @Nullable String getIssuerUri() {
		return this.issuerUri;
	}

	public void setIssuerUri(@Nullable String issuerUri) {
		this.issuerUri = issuerUri;
	}

	public @Nullable String getAuthorizationUri() {
		return this.authorizationUri;
	}

	public void setAuthorizationUri(@Nullable String authorizationUri) {
		this.authorizationUri = authorizationUri;
	}

	public @Nullable String getTokenUri() {
		return this.tokenUri;
	}

	public void setTokenUri(@Nullable String tokenUri) {
		this.tokenUri = tokenUri;
	}

	public @Nullable String getUserInfoUri() {
		return this.userInfoUri;
	}

	public void setUserInfoUri(@Nullable String userInfoUri) {
		this.userInfoUri = userInfoUri;
	}

	public @Nullable String getJwkSetUri() {
		return this.jwkSetUri;
	}

	public void setJwkSetUri(@Nullable String jwkSetUri) {
		this.jwkSetUri = jwkSetUri;
	}

	public @Nullable String getEndSessionUri() {
		return this.endSessionUri;
	}

	public void setEndSessionUri(@Nullable String endSessionUri) {
		this.endSessionUri = endSessionUri;
	}

	public @Nullable String getRevocationUri() {
		return this.revocationUri;
	}

	public void setRevocationUri(@Nullable String revocationUri) {
		this.revocationUri = revocationUri;
	}

	public @Nullable String getTenant() {
		return this.tenant;
	}

	public void setTenant(@Nullable String tenant) {
		this.tenant = tenant;
	}

	public @Nullable String getDomain() {
		return this.domain;
	}

	public void setDomain(@Nullable String domain) {
		this.domain = domain;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getRealm() {
		return this.realm;
	}

	public void setRealm(@Nullable String realm) {
		this.realm = realm;
	}

	public @Nullable String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(@Nullable String issuer) {
		this.issuer = issuer;
	}

	public Duration getJwksRefetchInterval() {
		return this.jwksRefetchInterval;
	}

	public void setJwksRefetchInterval(Duration jwksRefetchInterval) {
		this.jwksRefetchInterval = jwksRefetchInterval;
	}

	public Duration getJwksMaxAge() {
		return this.jwksMaxAge;
	}

	public void setJwksMaxAge(Duration jwksMaxAge) {
		this.jwksMaxAge = jwksMaxAge;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

}
