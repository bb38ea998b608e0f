package io.github.authstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.flow.LoginParameter;
import io.github.authstarter.logout.LogoutStyle;
import io.github.authstarter.provider.ParMode;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.provider.ResponseMode;
import io.github.authstarter.user.TokenKind;
import org.jspecify.annotations.Nullable;

/**
 * One provider.
 */
public class AuthProviderProperties {

	static final Duration DEFAULT_JWKS_REFETCH_INTERVAL = Duration.ofSeconds(30);

	/**
	 * Preset of a well-known provider; defaults to the provider id when that names a
	 * preset.
	 */
	private @Nullable String preset;

	/** Name shown on sign-in buttons; defaults to the preset's name or the id. */
	private @Nullable String displayName;

	/**
	 * Image shown beside the provider on the starter's sign-in page and in the provider
	 * list: a path of this application (such as /img/corp.svg) or an https URL.
	 */
	private @Nullable String logo;

	public @Nullable String getLogo() {
		return this.logo;
	}

	public void setLogo(@Nullable String logo) {
		this.logo = logo;
	}

	/** Client id from the provider's app registration. */
	private @Nullable String clientId;

	/** Client secret; leave unset for a public client (PKCE only). */
	private @Nullable String clientSecret;

	/**
	 * How the client authenticates at the token, revocation and PAR endpoints:
	 * client_secret_basic, client_secret_post, private_key_jwt (with client-key),
	 * client_secret_jwt (HS256 with the client secret) or none; defaults from the secret
	 * and the provider's metadata.
	 */
	private @Nullable String clientAuthenticationMethod;

	/**
	 * The key of private_key_jwt client authentication (RFC 7523).
	 */
	private final AuthClientKeyProperties clientKey = new AuthClientKeyProperties();

	/**
	 * The aud of client assertions: issuer or token-endpoint (RFC 7523); unset, the
	 * preset's choice (token-endpoint for microsoft and okta), else the issuer, else the
	 * token endpoint when no issuer is known.
	 */
	private io.github.authstarter.provider.@Nullable ClientAssertionAudience clientAssertionAudience;

	/**
	 * Pushed authorization requests (RFC 9126): auto (when the provider's metadata has a
	 * pushed_authorization_request_endpoint), required (a login start fails without one)
	 * or off.
	 */
	private ParMode par = ParMode.OFF;

	/**
	 * Apple: the team id, issuer of the generated client secret.
	 */
	private @Nullable String teamId;

	/**
	 * Apple: the id of the Sign in with Apple key (the .p8 file's key id).
	 */
	private @Nullable String keyId;

	/**
	 * Apple: the Sign in with Apple private key, a .p8 file (file:/path/AuthKey.p8,
	 * classpath:...); the ES256 client secret is generated from it and renewed before it
	 * expires, instead of a pre-signed client-secret.
	 */
	private org.springframework.core.io.@Nullable Resource privateKey;

	public AuthClientKeyProperties getClientKey() {
		return this.clientKey;
	}

	public io.github.authstarter.provider.@Nullable ClientAssertionAudience getClientAssertionAudience() {
		return this.clientAssertionAudience;
	}

	public void setClientAssertionAudience(
			io.github.authstarter.provider.@Nullable ClientAssertionAudience clientAssertionAudience) {
		this.clientAssertionAudience = clientAssertionAudience;
	}

	public ParMode getPar() {
		return this.par;
	}

	public void setPar(ParMode par) {
		this.par = par;
	}

	public @Nullable String getTeamId() {
		return this.teamId;
	}

	public void setTeamId(@Nullable String teamId) {
		this.teamId = teamId;
	}

	public @Nullable String getKeyId() {
		return this.keyId;
	}

	public void setKeyId(@Nullable String keyId) {
		this.keyId = keyId;
	}

	public org.springframework.core.io.@Nullable Resource getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(org.springframework.core.io.@Nullable Resource privateKey) {
		this.privateKey = privateKey;
	}

	/** Issuer whose OpenID Connect metadata is discovered on first use. */
	private @Nullable String issuerUri;

	/** Authorization endpoint; overrides the preset and discovery. */
	private @Nullable String authorizationUri;

	/** Token endpoint; overrides the preset and discovery. */
	private @Nullable String tokenUri;

	/** User-info endpoint; overrides the preset and discovery. */
	private @Nullable String userInfoUri;

	/** JSON Web Key Set endpoint; overrides the preset and discovery. */
	private @Nullable String jwkSetUri;

	/** RP-initiated logout endpoint; overrides the preset and discovery. */
	private @Nullable String endSessionUri;

	/** Token revocation endpoint (RFC 7009); overrides the preset and discovery. */
	private @Nullable String revocationUri;

	/** Scopes to request; defaults to the preset's, or openid, profile and email. */
	private @Nullable List<String> scopes;

	/** Claim or attribute that names the user; defaults to the preset's or sub. */
	private @Nullable String userNameAttribute;

	/**
	 * Microsoft Entra tenant: an id, a domain, common, organizations or consumers.
	 */
	private @Nullable String tenant;

	/** Okta or Auth0 domain, such as dev-123.okta.com. */
	private @Nullable String domain;

	/** Keycloak or self-managed GitLab base URL. */
	private @Nullable String baseUrl;

	/** Keycloak realm. */
	private @Nullable String realm;

	/**
	 * Extra static parameters for the authorization request, such as prompt or
	 * domain_hint.
	 */
	private Map<String, String> authorizationParams = new LinkedHashMap<>();

	/** Whether to use PKCE (S256), also for confidential clients. */
	private boolean pkce = true;

	/**
	 * How the provider returns the authorization response: query or form_post; defaults
	 * to the preset's or query.
	 */
	private @Nullable ResponseMode responseMode;

	/**
	 * Callback URI template registered at the provider; defaults to the callback path.
	 */
	private @Nullable String redirectUri;

	/**
	 * How logout ends the provider session: provider (RP-initiated logout when the
	 * provider has an end-session endpoint), local (this application only), auth0
	 * (/v2/logout with returnTo) or cognito (logout_uri).
	 */
	private LogoutStyle logout = LogoutStyle.PROVIDER;

	/**
	 * Where the provider sends the browser after its logout; defaults to this
	 * application's logout return path.
	 */
	private @Nullable String postLogoutRedirectUri;

	/**
	 * Whether the provider may end sessions through the front-channel logout receiver;
	 * unset, only if its metadata says frontchannel_logout_supported.
	 */
	private @Nullable Boolean frontChannelLogout;

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
	 * by default the JVM's trust store.
	 */
	private @Nullable String sslBundle;

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
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

	public @Nullable String getPostLogoutRedirectUri() {
		return this.postLogoutRedirectUri;
	}

	public void setPostLogoutRedirectUri(@Nullable String postLogoutRedirectUri) {
		this.postLogoutRedirectUri = postLogoutRedirectUri;
	}

	public @Nullable Boolean getFrontChannelLogout() {
		return this.frontChannelLogout;
	}

	public void setFrontChannelLogout(@Nullable Boolean frontChannelLogout) {
		this.frontChannelLogout = frontChannelLogout;
	}

	public LogoutStyle getLogout() {
		return this.logout;
	}

	public void setLogout(LogoutStyle logout) {
		this.logout = logout;
	}

	/**
	 * Tokens shown by the JSON endpoint (id, access, refresh); the refresh token is
	 * handed to Java code only when listed here.
	 */
	private List<TokenKind> exposeTokens = new ArrayList<>();

	public List<TokenKind> getExposeTokens() {
		return this.exposeTokens;
	}

	public void setExposeTokens(List<TokenKind> exposeTokens) {
		this.exposeTokens = exposeTokens;
	}

	public @Nullable String getPreset() {
		return this.preset;
	}

	public void setPreset(@Nullable String preset) {
		this.preset = preset;
	}

	public @Nullable String getDisplayName() {
		return this.displayName;
	}

	public void setDisplayName(@Nullable String displayName) {
		this.displayName = displayName;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable String getClientAuthenticationMethod() {
		return this.clientAuthenticationMethod;
	}

	public void setClientAuthenticationMethod(@Nullable String clientAuthenticationMethod) {
		this.clientAuthenticationMethod = clientAuthenticationMethod;
	}

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

	public @Nullable List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(@Nullable List<String> scopes) {
		this.scopes = scopes;
	}

	public @Nullable String getUserNameAttribute() {
		return this.userNameAttribute;
	}

	public void setUserNameAttribute(@Nullable String userNameAttribute) {
		this.userNameAttribute = userNameAttribute;
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

	public Map<String, String> getAuthorizationParams() {
		return this.authorizationParams;
	}

	public void setAuthorizationParams(Map<String, String> authorizationParams) {
		this.authorizationParams = authorizationParams;
	}

	public boolean isPkce() {
		return this.pkce;
	}

	public void setPkce(boolean pkce) {
		this.pkce = pkce;
	}

	public @Nullable ResponseMode getResponseMode() {
		return this.responseMode;
	}

	public void setResponseMode(@Nullable ResponseMode responseMode) {
		this.responseMode = responseMode;
	}

	public @Nullable String getRedirectUri() {
		return this.redirectUri;
	}

	public void setRedirectUri(@Nullable String redirectUri) {
		this.redirectUri = redirectUri;
	}

	/**
	 * Parameters a login start may pass on to this provider
	 * (/auth/login/{id}?login_hint=...): login_hint, domain_hint, prompt, ui_locales.
	 * Protocol parameters can never be passed.
	 */
	private List<LoginParameter> forwardParams = new ArrayList<>(
			List.of(LoginParameter.LOGIN_HINT, LoginParameter.PROMPT, LoginParameter.UI_LOCALES));

	public List<LoginParameter> getForwardParams() {
		return this.forwardParams;
	}

	public void setForwardParams(List<LoginParameter> forwardParams) {
		this.forwardParams = forwardParams;
	}

	/**
	 * How this provider's claims become authorities.
	 */
	private final AuthAuthoritiesProperties authorities = new AuthAuthoritiesProperties();

	/**
	 * Microsoft tenant ids (the tid claim) accepted; required with tenant common,
	 * organizations or consumers; "*" admits every tenant.
	 */
	private List<String> allowedTenants = new ArrayList<>();

	/**
	 * Google Workspace domain users must belong to: sent as hd and checked against the hd
	 * claim.
	 */
	private @Nullable String hostedDomain;

	/**
	 * Whether to refuse a user whose email is not verified (email_verified true; Entra: a
	 * fixed tenant or the xms_edov claim).
	 */
	private boolean requireVerifiedEmail = true;

	/**
	 * Email domains accepted for a verified email, compared in IDNA ASCII form; empty for
	 * any.
	 */
	private List<String> allowedEmailDomains = new ArrayList<>();

	/**
	 * Authorities a user needs at least one of, after mapping; a name without the
	 * authorities prefix matches with it, so "staff" matches ROLE_staff.
	 */
	private List<String> requiredAuthorities = new ArrayList<>();

	public AuthAuthoritiesProperties getAuthorities() {
		return this.authorities;
	}

	public List<String> getAllowedTenants() {
		return this.allowedTenants;
	}

	public void setAllowedTenants(List<String> allowedTenants) {
		this.allowedTenants = allowedTenants;
	}

	public @Nullable String getHostedDomain() {
		return this.hostedDomain;
	}

	public void setHostedDomain(@Nullable String hostedDomain) {
		this.hostedDomain = hostedDomain;
	}

	public boolean isRequireVerifiedEmail() {
		return this.requireVerifiedEmail;
	}

	public void setRequireVerifiedEmail(boolean requireVerifiedEmail) {
		this.requireVerifiedEmail = requireVerifiedEmail;
	}

	public List<String> getAllowedEmailDomains() {
		return this.allowedEmailDomains;
	}

	public void setAllowedEmailDomains(List<String> allowedEmailDomains) {
		this.allowedEmailDomains = allowedEmailDomains;
	}

	public List<String> getRequiredAuthorities() {
		return this.requiredAuthorities;
	}

	public void setRequiredAuthorities(List<String> requiredAuthorities) {
		this.requiredAuthorities = requiredAuthorities;
	}

	/**
	 * APIs called as the user with a token of their own, by name (used in
	 * currentUser.tokens("graph") and @ClientRegistrationId("corp/graph")).
	 */
	private Map<String, AuthApiProperties> apis = new LinkedHashMap<>();

	public Map<String, AuthApiProperties> getApis() {
		return this.apis;
	}

	public void setApis(Map<String, AuthApiProperties> apis) {
		this.apis = apis;
	}

}
