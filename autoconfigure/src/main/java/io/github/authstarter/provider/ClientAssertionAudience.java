package io.github.authstarter.provider;

/**
 * The {@code aud} of a client assertion ({@code private_key_jwt},
 * {@code client_secret_jwt}, RFC 7523 3).
 */
public enum ClientAssertionAudience {

	/** The token endpoint's URL, what RFC 7523 names and most providers expect. */
	TOKEN_ENDPOINT,

	/** The provider's issuer, for providers that ask for it. */
	ISSUER

}
