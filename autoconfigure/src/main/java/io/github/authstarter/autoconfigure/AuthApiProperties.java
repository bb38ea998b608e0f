package io.github.authstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.authstarter.token.ApiGrant;
import org.jspecify.annotations.Nullable;

/**
 * One API the user's calls go to with a token of its own.
 */
public class AuthApiProperties {

	/**
	 * Scopes the API's token is requested with, such as
	 * https://graph.microsoft.com/User.Read.
	 */
	private List<String> scopes = new ArrayList<>();

	/**
	 * Resource indicator (RFC 8707) sent with the request, where the provider wants one.
	 */
	private @Nullable String resource;

	/**
	 * Audience sent with the request (token exchange, Auth0's audience).
	 */
	private @Nullable String audience;

	/**
	 * How the token is obtained: refresh-token (a refresh grant with the API's scopes, as
	 * Entra ID issues one token per resource), token-exchange (RFC 8693), or login (the
	 * sign-in's own token, requested with the API's scopes and audience).
	 */
	private ApiGrant grant = ApiGrant.REFRESH_TOKEN;

	/**
	 * The only URL the token is sent to: requests elsewhere (another scheme, host, port
	 * or a path outside this one) are refused before they leave. Required.
	 */
	private @Nullable String baseUrl;

	/**
	 * SSL bundle (spring.ssl.bundle.*) for calls to this API through
	 * currentUser.apis().client(provider, api), in place of the provider's ssl-bundle:
	 * its trust store for the API's server, its key store for the client certificate the
	 * API asks for. A token bound to the provider's certificate fails at an API that gets
	 * another one, and a bundle with only a trust store presents none. A name with no
	 * bundle fails at startup.
	 */
	private @Nullable String sslBundle;

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

	public ApiGrant getGrant() {
		return this.grant;
	}

	public void setGrant(ApiGrant grant) {
		this.grant = grant;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

}
