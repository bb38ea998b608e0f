package io.github.authstarter.access;

/**
 * Where authorities are read from.
 */
public enum AuthoritySource {

	/** The claims of the ID token. */
	ID_TOKEN,

	/** The answer of the user-info endpoint (or a plain OAuth2 provider's user API). */
	USERINFO,

	/**
	 * The access token's claims, when it is a JWT whose signature, issuer and expiry
	 * check out against the provider's keys; an opaque access token has none.
	 */
	ACCESS_TOKEN

}
