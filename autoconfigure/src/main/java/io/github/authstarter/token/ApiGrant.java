package io.github.authstarter.token;

/**
 * How the access token of one API ({@code auth.providers.<id>.apis.<name>}) is obtained.
 */
public enum ApiGrant {

	/**
	 * A refresh token grant with the API's scopes (and {@code resource}), as Entra ID v2
	 * issues one token per resource from one refresh token.
	 */
	REFRESH_TOKEN,

	/**
	 * An RFC 8693 token exchange of the user's access token for one with the API's
	 * audience, resource and scopes (Keycloak, Okta, Spring Authorization Server).
	 */
	TOKEN_EXCHANGE,

	/**
	 * The access token of the sign-in itself, requested with the API's scopes and
	 * {@code audience}/{@code resource} (Auth0's {@code audience}); at most one API of a
	 * provider.
	 */
	LOGIN

}
