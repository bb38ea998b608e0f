package io.github.authstarter.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.flow.LoginParameter;
import io.github.authstarter.logout.LogoutStyle;
import io.github.authstarter.provider.ResponseMode;
import io.github.authstarter.user.TokenKind;
import org.jspecify.annotations.Nullable;

/**
 * How users sign in and out with one provider, and what of their tokens the application
 * sees. Part of {@link AuthProviderProperties}.
 */
public abstract class AuthProviderLoginProperties extends AuthProviderEndpointsProperties {

	/**
	 * Scopes to request; defaults to the preset's, or openid, profile and email. A list
	 * replaces the preset's: keep openid (and offline_access where the preset has it).
	 */
	private @Nullable List<String> scopes;

	/**
	 * Claim or attribute that names the user; defaults to the preset's, else sub (id for
	 * a provider without openid).
	 */
	private @Nullable String userNameAttribute;

	/**
	 * Extra static parameters for the authorization request, such as prompt or
	 * domain_hint.
	 */
	private Map<String, String> authorizationParams = new LinkedHashMap<>();

	/** Whether to use PKCE (S256), also for confidential clients. */
	private boolean pkce = true;

	/**
	 * How the provider returns the authorization response: query or form_post; or signed
	 * (JARM): jwt, query.jwt or form_post.jwt, whose signature, issuer, audience and
	 * expiry are checked before the code is read. Defaults to the preset's or query.
	 */
	private @Nullable ResponseMode responseMode;

	/**
	 * Callback URI template registered at the provider; defaults to
	 * {baseUrl}/login/oauth2/code/{registrationId} (auth.login.callback-path).
	 */
	private @Nullable String redirectUri;

	/**
	 * Parameters a login start may pass on to this provider
	 * (/auth/login/{id}?login_hint=...): login_hint, domain_hint, prompt, ui_locales,
	 * max_age, acr_values. Protocol parameters can never be passed.
	 */
	private List<LoginParameter> forwardParams = new ArrayList<>(
			List.of(LoginParameter.LOGIN_HINT, LoginParameter.PROMPT, LoginParameter.UI_LOCALES));

	/**
	 * How logout ends the provider session: provider (RP-initiated logout when the
	 * provider has an end-session endpoint), local (this application only), auth0
	 * (/v2/logout with returnTo) or cognito (logout_uri; needs end-session-uri).
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
	 * Tokens shown by the JSON endpoint (id, access, refresh), where the page's scripts
	 * can read them; the refresh token is handed to Java code only when listed here, and
	 * listing it also puts it in every /auth/user answer.
	 */
	private List<TokenKind> exposeTokens = new ArrayList<>();

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

	public List<LoginParameter> getForwardParams() {
		return this.forwardParams;
	}

	public void setForwardParams(List<LoginParameter> forwardParams) {
		this.forwardParams = forwardParams;
	}

	public LogoutStyle getLogout() {
		return this.logout;
	}

	public void setLogout(LogoutStyle logout) {
		this.logout = logout;
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

	public List<TokenKind> getExposeTokens() {
		return this.exposeTokens;
	}

	public void setExposeTokens(List<TokenKind> exposeTokens) {
		this.exposeTokens = exposeTokens;
	}

}
