package io.github.authstarter.autoconfigure;

import io.github.authstarter.provider.ClientAssertionAudience;
import io.github.authstarter.provider.DpopMode;
import io.github.authstarter.provider.ParMode;
import io.github.authstarter.provider.ProviderProfile;
import io.github.authstarter.provider.RequestObjectMode;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * The client at one provider: which provider, the client's identity and how it
 * authenticates. Part of {@link AuthProviderProperties}.
 */
public abstract class AuthProviderClientProperties {

	/**
	 * Preset of a well-known provider; defaults to the provider id when that names a
	 * preset; none for no preset even then.
	 */
	private @Nullable String preset;

	/**
	 * Name shown on sign-in buttons; defaults to the preset's name when the id is the
	 * preset's own (google: Google), else the id with a capital (corp: Corp).
	 */
	private @Nullable String displayName;

	/**
	 * Image shown beside the provider on the starter's sign-in page and in the provider
	 * list: a path of this application (such as /img/corp.svg) or an https URL; anything
	 * else fails at startup.
	 */
	private @Nullable String logo;

	/** Client id from the provider's app registration. */
	private @Nullable String clientId;

	/**
	 * Client secret; leave unset for a public client (PKCE only). At least 32 bytes for
	 * client_secret_jwt.
	 */
	private @Nullable String clientSecret;

	/**
	 * How the client authenticates at the token, revocation and PAR endpoints:
	 * client_secret_basic, client_secret_post, private_key_jwt (with client-key),
	 * client_secret_jwt (HS256 with the client secret), tls_client_auth or
	 * self_signed_tls_client_auth (RFC 8705: the certificate of ssl-bundle, at the
	 * provider's mtls_endpoint_aliases) or none; defaults from the secret and the
	 * provider's metadata.
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
	private @Nullable ClientAssertionAudience clientAssertionAudience;

	/**
	 * Pushed authorization requests (RFC 9126): auto (whenever the provider's metadata
	 * has a pushed_authorization_request_endpoint), required (a login start fails without
	 * one) or off. A provider whose metadata says require_pushed_authorization_requests
	 * gets pushed requests even when off, and one under a profile always.
	 */
	private ParMode par = ParMode.AUTO;

	/**
	 * DPoP (RFC 9449): tokens bound to a key pair each sign-in holds, so a stolen token
	 * is useless without it. auto (when the provider's metadata lists ES256 in
	 * dpop_signing_alg_values_supported), required (a bearer token from the provider
	 * fails the sign-in, signs the user in again at a refresh, and is not kept for an
	 * API) or off; a profile makes it required, except with mutual TLS, whose certificate
	 * binds the tokens instead. The APIs the tokens are sent to must accept DPoP.
	 */
	private DpopMode dpop = DpopMode.OFF;

	/**
	 * Signed authorization requests (JAR, RFC 9101): signed (every parameter in a JWT
	 * signed with the client key of private_key_jwt, addressed to the issuer, pushed
	 * through PAR when PAR is on) or off; profile fapi2-message-signing makes it signed.
	 */
	private RequestObjectMode requestObject = RequestObjectMode.OFF;

	/**
	 * A security profile the provider's sign-ins are held to: fapi2 (the FAPI 2.0
	 * Security Profile: PAR required, private_key_jwt with DPoP required or mutual TLS
	 * with certificate-bound tokens, iss in the authorization response, PS256 or ES256 ID
	 * tokens; a provider whose metadata lacks one gets no logins, never weaker ones).
	 * fapi2-message-signing adds signed requests (JAR, request-object: signed) and signed
	 * responses (JARM, response-mode: jwt unless query.jwt is set).
	 */
	private @Nullable ProviderProfile profile;

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
	private @Nullable Resource privateKey;

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

	public @Nullable String getLogo() {
		return this.logo;
	}

	public void setLogo(@Nullable String logo) {
		this.logo = logo;
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

	public AuthClientKeyProperties getClientKey() {
		return this.clientKey;
	}

	public @Nullable ClientAssertionAudience getClientAssertionAudience() {
		return this.clientAssertionAudience;
	}

	public void setClientAssertionAudience(@Nullable ClientAssertionAudience clientAssertionAudience) {
		this.clientAssertionAudience = clientAssertionAudience;
	}

	public DpopMode getDpop() {
		return this.dpop;
	}

	public void setDpop(DpopMode dpop) {
		this.dpop = dpop;
	}

	public @Nullable ProviderProfile getProfile() {
		return this.profile;
	}

	public void setProfile(@Nullable ProviderProfile profile) {
		this.profile = profile;
	}

	/**
	 * The DPoP mode in force: a profile requires it, unless the client uses mutual TLS,
	 * whose certificate the tokens are bound to.
	 * @return the mode
	 */
	public DpopMode effectiveDpop() {
		// mutual TLS binds the tokens to the client's certificate instead
		return (this.profile != null && !MutualTls.authenticates(this.clientAuthenticationMethod)) ? DpopMode.REQUIRED
				: this.dpop;
	}

	public RequestObjectMode getRequestObject() {
		return this.requestObject;
	}

	public void setRequestObject(RequestObjectMode requestObject) {
		this.requestObject = requestObject;
	}

	/**
	 * The request-object mode in force: profile fapi2-message-signing signs them.
	 * @return the mode
	 */
	public RequestObjectMode effectiveRequestObject() {
		return (this.profile == ProviderProfile.FAPI2_MESSAGE_SIGNING) ? RequestObjectMode.SIGNED : this.requestObject;
	}

	/**
	 * The PAR mode in force: a profile requires it.
	 * @return the mode
	 */
	public ParMode effectivePar() {
		return (this.profile != null) ? ParMode.REQUIRED : this.par;
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

	public @Nullable Resource getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(@Nullable Resource privateKey) {
		this.privateKey = privateKey;
	}

}
