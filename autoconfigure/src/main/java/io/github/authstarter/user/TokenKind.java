package io.github.authstarter.user;

/**
 * A kind of token a provider issues ({@code auth.providers.<id>.expose-tokens}).
 */
public enum TokenKind {

	/** The OpenID Connect id token. */
	ID,

	/** The access token. */
	ACCESS,

	/** The refresh token: a long-lived credential, exposed only when listed. */
	REFRESH

}
