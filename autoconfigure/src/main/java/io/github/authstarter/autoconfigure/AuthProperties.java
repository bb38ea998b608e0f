package io.github.authstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.logout.LogoutStyle;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.provider.ResponseMode;
import io.github.authstarter.user.TokenKind;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the starter, under {@code auth}.
 */
@ConfigurationProperties("auth")
public class AuthProperties {

	/** The providers users can sign in with, by id; the id appears in URLs. */
	private Map<String, Provider> providers = new LinkedHashMap<>();

	/** Fetching provider metadata by issuer. */
	private final Discovery discovery = new Discovery();

	/** Where login starts and where providers send users back. */
	private final Login login = new Login();

	/** Server-side token refresh. */
	private final Refresh refresh = new Refresh();

	/** Logout, local and at the provider. */
	private final Logout logout = new Logout();

	public Logout getLogout() {
		return this.logout;
	}

	/** The current user's JSON endpoint. */
	private final User user = new User();

	/** The signed-in user's sessions on every device. */
	private final Sessions sessions = new Sessions();

	public Sessions getSessions() {
		return this.sessions;
	}

	/** Calls to the providers' APIs with the signed-in user's tokens. */
	private final Apis apis = new Apis();

	public Apis getApis() {
		return this.apis;
	}

	private final Web web = new Web();

	public Web getWeb() {
		return this.web;
	}

	public Refresh getRefresh() {
		return this.refresh;
	}

	public User getUser() {
		return this.user;
	}

	/** Login-flow state kept in Redis between the login start and the callback. */
	private final Flow flow = new Flow();

	/** The starter's own keys in Redis. */
	private final Redis redis = new Redis();

	/** Every HTTP call to a provider. */
	private final Http http = new Http();

	public Http getHttp() {
		return this.http;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/** The signed-in user's session record. */
	private final Session session = new Session();

	/** The per-provider health contributor. */
	private final Health health = new Health();

	public Health getHealth() {
		return this.health;
	}

	public Session getSession() {
		return this.session;
	}

	public Flow getFlow() {
		return this.flow;
	}

	public Map<String, Provider> getProviders() {
		return this.providers;
	}

	public void setProviders(Map<String, Provider> providers) {
		this.providers = providers;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public Login getLogin() {
		return this.login;
	}

	/**
	 * One provider.
	 */
	public static class Provider {

		static final Duration DEFAULT_JWKS_REFETCH_INTERVAL = Duration.ofSeconds(30);

		/**
		 * Preset of a well-known provider; defaults to the provider id when that names a
		 * preset.
		 */
		private @Nullable String preset;

		/** Name shown on sign-in buttons; defaults to the preset's name or the id. */
		private @Nullable String displayName;

		/**
		 * Image shown beside the provider on the starter's sign-in page and in the
		 * provider list: a path of this application (such as /img/corp.svg) or an https
		 * URL.
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
		 * client_secret_jwt (HS256 with the client secret) or none; defaults from the
		 * secret and the provider's metadata.
		 */
		private @Nullable String clientAuthenticationMethod;

		/**
		 * The key of private_key_jwt client authentication (RFC 7523).
		 */
		private final ClientKey clientKey = new ClientKey();

		/**
		 * The aud of client assertions: issuer or token-endpoint (RFC 7523); unset, the
		 * preset's choice (token-endpoint for microsoft and okta), else the issuer, else
		 * the token endpoint when no issuer is known.
		 */
		private io.github.authstarter.provider.@Nullable ClientAssertionAudience clientAssertionAudience;

		/**
		 * Pushed authorization requests (RFC 9126): auto (when the provider's metadata
		 * has a pushed_authorization_request_endpoint), required (a login start fails
		 * without one) or off.
		 */
		private io.github.authstarter.provider.ParMode par = io.github.authstarter.provider.ParMode.OFF;

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
		 * classpath:...); the ES256 client secret is generated from it and renewed before
		 * it expires, instead of a pre-signed client-secret.
		 */
		private org.springframework.core.io.@Nullable Resource privateKey;

		public ClientKey getClientKey() {
			return this.clientKey;
		}

		public io.github.authstarter.provider.@Nullable ClientAssertionAudience getClientAssertionAudience() {
			return this.clientAssertionAudience;
		}

		public void setClientAssertionAudience(
				io.github.authstarter.provider.@Nullable ClientAssertionAudience clientAssertionAudience) {
			this.clientAssertionAudience = clientAssertionAudience;
		}

		public io.github.authstarter.provider.ParMode getPar() {
			return this.par;
		}

		public void setPar(io.github.authstarter.provider.ParMode par) {
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
		 * How the provider returns the authorization response: query or form_post;
		 * defaults to the preset's or query.
		 */
		private @Nullable ResponseMode responseMode;

		/**
		 * Callback URI template registered at the provider; defaults to the callback
		 * path.
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
		 * Whether the provider may end sessions through the front-channel logout
		 * receiver; unset, only if its metadata says frontchannel_logout_supported.
		 */
		private @Nullable Boolean frontChannelLogout;

		/**
		 * Issuer identifier of a provider configured by explicit endpoints, checked in id
		 * tokens and in the authorization response (RFC 9207); with issuer-uri the
		 * discovered issuer is used instead.
		 */
		private @Nullable String issuer;

		/**
		 * Shortest time between two fetches of the provider's key set for a token that
		 * names a key not seen yet.
		 */
		private Duration jwksRefetchInterval = DEFAULT_JWKS_REFETCH_INTERVAL;

		/** How long a fetched key set is trusted before it must be fetched again. */
		private Duration jwksMaxAge = ProviderKeySets.DEFAULT_MAX_AGE;

		/**
		 * SSL bundle (spring.ssl.bundle.*) to trust the provider with, such as a private
		 * CA; by default the JVM's trust store.
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
		private List<TokenKind> exposeTokens = new java.util.ArrayList<>();

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
		 * (/auth/login/<id>?login_hint=...): login_hint, domain_hint, prompt, ui_locales.
		 * Protocol parameters can never be passed.
		 */
		private List<io.github.authstarter.flow.LoginParameter> forwardParams = new ArrayList<>(List.of(
				io.github.authstarter.flow.LoginParameter.LOGIN_HINT, io.github.authstarter.flow.LoginParameter.PROMPT,
				io.github.authstarter.flow.LoginParameter.UI_LOCALES));

		public List<io.github.authstarter.flow.LoginParameter> getForwardParams() {
			return this.forwardParams;
		}

		public void setForwardParams(List<io.github.authstarter.flow.LoginParameter> forwardParams) {
			this.forwardParams = forwardParams;
		}

		/**
		 * How this provider's claims become authorities.
		 */
		private final Authorities authorities = new Authorities();

		/**
		 * Microsoft tenant ids (the tid claim) accepted; required with tenant common,
		 * organizations or consumers; "*" admits every tenant.
		 */
		private List<String> allowedTenants = new ArrayList<>();

		/**
		 * Google Workspace domain users must belong to: sent as hd and checked against
		 * the hd claim.
		 */
		private @Nullable String hostedDomain;

		/**
		 * Whether to refuse a user whose email is not verified (email_verified true;
		 * Entra: a fixed tenant or the xms_edov claim).
		 */
		private boolean requireVerifiedEmail = true;

		/**
		 * Email domains accepted for a verified email, compared in IDNA ASCII form; empty
		 * for any.
		 */
		private List<String> allowedEmailDomains = new ArrayList<>();

		/**
		 * Authorities a user needs at least one of, after mapping; a name without the
		 * authorities prefix matches with it, so "staff" matches ROLE_staff.
		 */
		private List<String> requiredAuthorities = new ArrayList<>();

		public Authorities getAuthorities() {
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
		private Map<String, Api> apis = new LinkedHashMap<>();

		public Map<String, Api> getApis() {
			return this.apis;
		}

		public void setApis(Map<String, Api> apis) {
			this.apis = apis;
		}

	}

	/**
	 * The private key a client signs its assertions with (private_key_jwt).
	 */
	public static class ClientKey {

		/**
		 * A PEM file (PKCS#8 private key, optionally followed by its certificate) or a
		 * PKCS#12 / JKS keystore (.p12, .pfx, .jks).
		 */
		private org.springframework.core.io.@Nullable Resource location;

		/**
		 * Password of the keystore or of an encrypted PEM key.
		 */
		private @Nullable String password;

		/**
		 * Alias of the key in the keystore; optional when it holds one key.
		 */
		private @Nullable String alias;

		/**
		 * A Spring Boot SSL bundle (spring.ssl.bundle.*) whose key signs the assertions,
		 * instead of location.
		 */
		private @Nullable String bundle;

		/**
		 * The kid sent in the assertion's header, as registered at the provider; the
		 * certificate's SHA-256 thumbprint (x5t#S256) is sent whenever there is a
		 * certificate.
		 */
		private @Nullable String keyId;

		public org.springframework.core.io.@Nullable Resource getLocation() {
			return this.location;
		}

		public void setLocation(org.springframework.core.io.@Nullable Resource location) {
			this.location = location;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getAlias() {
			return this.alias;
		}

		public void setAlias(@Nullable String alias) {
			this.alias = alias;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public @Nullable String getKeyId() {
			return this.keyId;
		}

		public void setKeyId(@Nullable String keyId) {
			this.keyId = keyId;
		}

	}

	/**
	 * One API the user's calls go to with a token of its own.
	 */
	public static class Api {

		/**
		 * Scopes the API's token is requested with, such as
		 * https://graph.microsoft.com/User.Read.
		 */
		private List<String> scopes = new ArrayList<>();

		/**
		 * Resource indicator (RFC 8707) sent with the request, where the provider wants
		 * one.
		 */
		private @Nullable String resource;

		/**
		 * Audience sent with the request (token exchange, Auth0's audience).
		 */
		private @Nullable String audience;

		/**
		 * How the token is obtained: refresh-token (a refresh grant with the API's
		 * scopes, as Entra ID issues one token per resource), token-exchange (RFC 8693),
		 * or login (the sign-in's own token, requested with the API's scopes and
		 * audience).
		 */
		private io.github.authstarter.token.ApiGrant grant = io.github.authstarter.token.ApiGrant.REFRESH_TOKEN;

		/**
		 * The only URL the token is sent to: requests elsewhere (another scheme, host,
		 * port or a path outside this one) are refused before they leave. Required.
		 */
		private @Nullable String baseUrl;

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public @Nullable String getResource() {
			return this.resource;
		}

		public void setResource(@Nullable String resource) {
			this.resource = resource;
		}

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(@Nullable String audience) {
			this.audience = audience;
		}

		public io.github.authstarter.token.ApiGrant getGrant() {
			return this.grant;
		}

		public void setGrant(io.github.authstarter.token.ApiGrant grant) {
			this.grant = grant;
		}

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

	}

	/**
	 * How one provider's claims become Spring Security authorities.
	 */
	public static class Authorities {

		/**
		 * Claim paths to read authorities from, such as roles, groups, realm_access.roles
		 * or resource_access.my-app.roles; dots walk into nested objects, a "quoted" name
		 * may contain dots, and a path starting with https:// is one claim name. Defaults
		 * to the preset's.
		 */
		private @Nullable List<String> claims;

		/**
		 * Where the claims are read from: id-token, userinfo, access-token (only a JWT
		 * checked against the provider's keys, issuer and expiry). Defaults to the
		 * preset's, else id-token and userinfo.
		 */
		private @Nullable List<io.github.authstarter.access.AuthoritySource> sources;

		/**
		 * Prefix of every authority read from a claim.
		 */
		private String prefix = "ROLE_";

		/**
		 * Claim values replaced by names before the prefix is added, such as Entra group
		 * object ids by readable names.
		 */
		private Map<String, String> mapping = new LinkedHashMap<>();

		/**
		 * Authorities every user of this provider gets, as written.
		 */
		private List<String> defaults = new ArrayList<>();

		/**
		 * Whether the granted scopes become SCOPE_* authorities.
		 */
		private boolean includeScopes = false;

		public @Nullable List<String> getClaims() {
			return this.claims;
		}

		public void setClaims(@Nullable List<String> claims) {
			this.claims = claims;
		}

		public @Nullable List<io.github.authstarter.access.AuthoritySource> getSources() {
			return this.sources;
		}

		public void setSources(@Nullable List<io.github.authstarter.access.AuthoritySource> sources) {
			this.sources = sources;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public Map<String, String> getMapping() {
			return this.mapping;
		}

		public void setMapping(Map<String, String> mapping) {
			this.mapping = mapping;
		}

		public List<String> getDefaults() {
			return this.defaults;
		}

		public void setDefaults(List<String> defaults) {
			this.defaults = defaults;
		}

		public boolean isIncludeScopes() {
			return this.includeScopes;
		}

		public void setIncludeScopes(boolean includeScopes) {
			this.includeScopes = includeScopes;
		}

	}

	/**
	 * Discovery of provider metadata.
	 */
	public static class Discovery {

		/** Wait before retrying a failed discovery; doubles after each failure. */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/** Longest wait between two discovery attempts. */
		private Duration maxBackoff = Duration.ofMinutes(1);

		/**
		 * How long discovered metadata is used before it is fetched again (the provider
		 * may change its endpoints); the current metadata is kept while that fails. Zero
		 * for never.
		 */
		private Duration refreshInterval = Duration.ofHours(1);

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * Login endpoints.
	 */
	public static class Login {

		/** Path under which login starts, followed by the provider id. */
		private String path = "/auth/login";

		/** Path under which providers send users back, followed by the provider id. */
		private String callbackPath = "/login/oauth2/code";

		/** Path of the public JSON list of providers with their login URLs. */
		private String providersPath = "/auth/providers";

		public String getProvidersPath() {
			return this.providersPath;
		}

		public void setProvidersPath(String providersPath) {
			this.providersPath = providersPath;
		}

		/** Where users go after login when the login start named no safe target. */
		private String defaultRedirect = "/";

		public String getDefaultRedirect() {
			return this.defaultRedirect;
		}

		public void setDefaultRedirect(String defaultRedirect) {
			this.defaultRedirect = defaultRedirect;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public String getCallbackPath() {
			return this.callbackPath;
		}

		public void setCallbackPath(String callbackPath) {
			this.callbackPath = callbackPath;
		}

		/**
		 * How far a provider's clock may be off from this one when its {@code auth_time}
		 * is judged: a login that asked for {@code max_age}, and step-up's
		 * {@code requireRecentLogin}.
		 */
		private Duration authTimeSkew = Duration.ofSeconds(5);

		public Duration getAuthTimeSkew() {
			return this.authTimeSkew;
		}

		public void setAuthTimeSkew(Duration authTimeSkew) {
			this.authTimeSkew = authTimeSkew;
		}

	}

	/**
	 * Every call to a provider: discovery, token, user info, keys, revocation, health.
	 */
	public static class Http {

		/** Connect timeout of every call to a provider. */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/** Read timeout of every call to a provider. */
		private Duration readTimeout = Duration.ofSeconds(5);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout);
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = positive(readTimeout);
		}

		// thrown while binding, so the startup report names the property and the value
		private static Duration positive(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("a timeout must be positive, e.g. 5s: zero would wait forever");
			}
			return timeout;
		}

	}

	/**
	 * What the starter keeps in Redis beside the sessions.
	 */
	public static class Redis {

		/**
		 * Prefix of every Redis key the starter writes itself: flow records, login-start
		 * counters, refresh locks, logout states and token ids, session indexes.
		 */
		private String keyPrefix = "auth:";

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			if (keyPrefix.isBlank()) {
				throw new IllegalArgumentException(
						"the key prefix must not be blank: the starter's keys would mix with the application's");
			}
			this.keyPrefix = keyPrefix;
		}

	}

	/**
	 * Login-flow state.
	 */
	public static class Flow {

		/** How long a started login may take to come back from the provider. */
		private Duration ttl = Duration.ofMinutes(10);

		/** Name of the cookie that binds a started login to the browser. */
		private String cookieName = "AUTH_FLOW";

		/** Login starts allowed per client address per minute, across instances. */
		private int maxStartsPerClientPerMinute = 60;

		/** Login starts allowed per minute in all, across instances. */
		private int maxStartsPerMinute = 10_000;

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public String getCookieName() {
			return this.cookieName;
		}

		public void setCookieName(String cookieName) {
			this.cookieName = cookieName;
		}

		public int getMaxStartsPerClientPerMinute() {
			return this.maxStartsPerClientPerMinute;
		}

		public void setMaxStartsPerClientPerMinute(int maxStartsPerClientPerMinute) {
			this.maxStartsPerClientPerMinute = maxStartsPerClientPerMinute;
		}

		public int getMaxStartsPerMinute() {
			return this.maxStartsPerMinute;
		}

		public void setMaxStartsPerMinute(int maxStartsPerMinute) {
			this.maxStartsPerMinute = maxStartsPerMinute;
		}

	}

	/**
	 * The per-provider health contributor.
	 */
	public static class Health {

		/**
		 * How long the result of a provider's JWKS check is reused; health probes in
		 * between make no network call.
		 */
		private Duration jwksCheckInterval = Duration.ofSeconds(30);

		public Duration getJwksCheckInterval() {
			return this.jwksCheckInterval;
		}

		public void setJwksCheckInterval(Duration jwksCheckInterval) {
			this.jwksCheckInterval = jwksCheckInterval;
		}

	}

	/**
	 * Server-assisted client-side caching of session records (Redis 6+ client tracking).
	 */
	public static class ClientCache {

		/**
		 * Whether each instance keeps the session records it read in memory, told by
		 * Redis (client tracking, RESP3) the moment any instance changes or deletes one,
		 * so that an unchanged signed-in request costs no Redis round trip. Needs a
		 * standalone Redis 6 or later through Lettuce; refused at startup on Cluster and
		 * Sentinel.
		 */
		private boolean enabled = false;

		/**
		 * How many session records an instance keeps at most; the least recently used are
		 * dropped first.
		 */
		private int maxSize = 10_000;

		/**
		 * Whether a record is answered from memory only after one round trip on the
		 * tracking connection, shared by the requests that arrive meanwhile, has applied
		 * every invalidation Redis sent before the request arrived: a logout on another
		 * instance is then seen by the very next request, always. Off, an unchanged
		 * request costs no round trip at all, and a change elsewhere is seen as soon as
		 * Redis's push arrives, usually well within a millisecond but with no bound when
		 * the instance is starved of CPU.
		 */
		private boolean readBarrier = true;

		public boolean isReadBarrier() {
			return this.readBarrier;
		}

		public void setReadBarrier(boolean readBarrier) {
			this.readBarrier = readBarrier;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(int maxSize) {
			if (maxSize < 1) {
				throw new IllegalArgumentException("must be at least 1, but was " + maxSize);
			}
			this.maxSize = maxSize;
		}

	}

	/**
	 * The session record.
	 */
	public static class Session {

		/**
		 * Base64 of a 256-bit AES key (for example {@code openssl rand -base64 32}) that
		 * encrypts token values in the session record (AES-GCM). Unset, tokens are stored
		 * in clear and a warning is logged at startup.
		 */
		private @Nullable String encryptionKey;

		/**
		 * Keys used before the current one, base64, that still decrypt tokens they
		 * encrypted; new writes use the current key.
		 */
		private List<String> previousKeys = new ArrayList<>();

		/**
		 * Whether to refuse to start without an encryption key.
		 */
		private boolean requireEncryption = false;

		/**
		 * How long a session that only was read goes without extending its expiry in
		 * Redis; the idle timeout is exact to within it. Defaults to a tenth of
		 * spring.session.timeout; 0 extends it on every request.
		 */
		private @Nullable Duration touchInterval;

		/**
		 * Whether to write the compact session record (version 2: the id token's claims
		 * and the user-info claims it repeats are derived, not stored). Both versions are
		 * always read; set false to keep writing version 1 while instances of an earlier
		 * release still run beside this one (a rolling upgrade), which read only version
		 * 1 and would take a user whose record a new instance wrote as signed out.
		 */
		private boolean compactRecord = true;

		/**
		 * How long after signing in a user must sign in again, however active (an
		 * absolute lifetime on top of spring.session.timeout, the idle timeout). Unset, a
		 * sign-in lasts as long as the user stays active.
		 */
		private @Nullable Duration maxLifetime;

		public @Nullable Duration getMaxLifetime() {
			return this.maxLifetime;
		}

		public void setMaxLifetime(@Nullable Duration maxLifetime) {
			if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero())) {
				throw new IllegalArgumentException("must be positive, but was " + maxLifetime);
			}
			this.maxLifetime = maxLifetime;
		}

		public boolean isCompactRecord() {
			return this.compactRecord;
		}

		public void setCompactRecord(boolean compactRecord) {
			this.compactRecord = compactRecord;
		}

		/**
		 * Session records kept in memory between requests, dropped when Redis says they
		 * changed.
		 */
		private final ClientCache clientCache = new ClientCache();

		public ClientCache getClientCache() {
			return this.clientCache;
		}

		public @Nullable Duration getTouchInterval() {
			return this.touchInterval;
		}

		public void setTouchInterval(@Nullable Duration touchInterval) {
			if (touchInterval != null && touchInterval.isNegative()) {
				throw new IllegalArgumentException("must not be negative, but was " + touchInterval);
			}
			this.touchInterval = touchInterval;
		}

		public @Nullable String getEncryptionKey() {
			return this.encryptionKey;
		}

		public void setEncryptionKey(@Nullable String encryptionKey) {
			this.encryptionKey = encryptionKey;
		}

		public List<String> getPreviousKeys() {
			return this.previousKeys;
		}

		public void setPreviousKeys(List<String> previousKeys) {
			this.previousKeys = previousKeys;
		}

		public boolean isRequireEncryption() {
			return this.requireEncryption;
		}

		public void setRequireEncryption(boolean requireEncryption) {
			this.requireEncryption = requireEncryption;
		}

	}

	/**
	 * Calls to the providers' APIs with the signed-in user's tokens.
	 */
	public static class Apis {

		/**
		 * How long after a token was obtained an API's 401 is answered as is, without a
		 * new token: at most one grant per API and session in this time; 0 replaces every
		 * refused token.
		 */
		private Duration retryCooldown = Duration.ofSeconds(30);

		public Duration getRetryCooldown() {
			return this.retryCooldown;
		}

		public void setRetryCooldown(Duration retryCooldown) {
			// thrown while binding: the startup report names the property and the value
			if (retryCooldown.isNegative()) {
				throw new IllegalArgumentException("must not be negative, but was " + retryCooldown);
			}
			this.retryCooldown = retryCooldown;
		}

	}

	/**
	 * Server-side token refresh.
	 */
	public static class Refresh {

		/**
		 * Whether to refresh expiring tokens on every signed-in request, not only when
		 * code asks for a token.
		 */
		private boolean onRequest = false;

		public boolean isOnRequest() {
			return this.onRequest;
		}

		public void setOnRequest(boolean onRequest) {
			this.onRequest = onRequest;
		}

		/** Refresh an access token that expires within this time. */
		private Duration skew = Duration.ofSeconds(60);

		/** How long one instance may hold a session's refresh lock. */
		private Duration lockLease = Duration.ofSeconds(15);

		/** How long a request waits for another instance's refresh. */
		private Duration waitTimeout = Duration.ofSeconds(10);

		/** Path of the endpoint that refreshes tokens now (POST, CSRF-protected). */
		private String path = "/auth/refresh";

		public Duration getSkew() {
			return this.skew;
		}

		public void setSkew(Duration skew) {
			this.skew = skew;
		}

		public Duration getLockLease() {
			return this.lockLease;
		}

		public void setLockLease(Duration lockLease) {
			this.lockLease = lockLease;
		}

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * How browsers and single-page apps are answered.
	 */
	public static class Web {

		/**
		 * Path patterns of the application's API (for example /api/**): requests there
		 * always get JSON 401/403 answers, never a redirect to the provider, as do
		 * requests that ask for JSON or send X-Requested-With.
		 */
		private List<String> apiPaths = new ArrayList<>(List.of("/api/**"));

		/**
		 * Path of the application's own sign-in page, used instead of the starter's (at
		 * auth.login.path) when several providers are configured.
		 */
		private @Nullable String loginPage;

		/** Name of the cookie that carries the CSRF token to scripts. */
		private String csrfCookieName = "XSRF-TOKEN";

		public @Nullable String getLoginPage() {
			return this.loginPage;
		}

		public void setLoginPage(@Nullable String loginPage) {
			this.loginPage = loginPage;
		}

		public String getCsrfCookieName() {
			return this.csrfCookieName;
		}

		public void setCsrfCookieName(String csrfCookieName) {
			this.csrfCookieName = csrfCookieName;
		}

		public List<String> getApiPaths() {
			return this.apiPaths;
		}

		public void setApiPaths(List<String> apiPaths) {
			this.apiPaths = apiPaths;
		}

	}

	/**
	 * The current user's JSON endpoint.
	 */
	public static class User {

		/** Path of the endpoint that answers the current user as JSON. */
		private String path = "/auth/user";

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * The endpoints that list and end the signed-in user's sessions.
	 */
	public static class Sessions {

		/**
		 * Path of the endpoint that lists the user's sessions as JSON; POST
		 * {path}/{id}/end ends one, POST {path}/others/end all but the current one.
		 */
		private String path = "/auth/sessions";

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * Logout.
	 */
	public static class Logout {

		/**
		 * Where logout is posted (with the CSRF token); a GET shows a confirmation form.
		 */
		private String path = "/auth/logout";

		/**
		 * Where providers send the browser back after their logout: register it as the
		 * post-logout redirect URI.
		 */
		private String returnPath = "/auth/logged-out";

		/** Where users land after logout. */
		private String successPath = "/";

		/**
		 * Base path of the OIDC back-channel logout receiver, followed by the provider
		 * id: register it at the provider.
		 */
		private String backChannelPath = "/auth/backchannel-logout";

		/**
		 * Base path of the OIDC front-channel logout receiver, followed by the provider
		 * id: register it at the provider (with iss and sid required).
		 */
		private String frontChannelPath = "/auth/frontchannel-logout";

		public String getFrontChannelPath() {
			return this.frontChannelPath;
		}

		public void setFrontChannelPath(String frontChannelPath) {
			this.frontChannelPath = frontChannelPath;
		}

		public String getBackChannelPath() {
			return this.backChannelPath;
		}

		public void setBackChannelPath(String backChannelPath) {
			this.backChannelPath = backChannelPath;
		}

		/** Connect and read timeout of the token revocation endpoint. */
		private Duration revocationTimeout = Duration.ofSeconds(2);

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public String getReturnPath() {
			return this.returnPath;
		}

		public void setReturnPath(String returnPath) {
			this.returnPath = returnPath;
		}

		public String getSuccessPath() {
			return this.successPath;
		}

		public void setSuccessPath(String successPath) {
			this.successPath = successPath;
		}

		public Duration getRevocationTimeout() {
			return this.revocationTimeout;
		}

		public void setRevocationTimeout(Duration revocationTimeout) {
			this.revocationTimeout = revocationTimeout;
		}

	}

}
