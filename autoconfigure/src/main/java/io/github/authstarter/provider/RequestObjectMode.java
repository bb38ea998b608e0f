package io.github.authstarter.provider;

/**
 * Whether a login sends its authorization request as a signed request object (JAR, RFC
 * 9101).
 */
public enum RequestObjectMode {

	/** The parameters as they are, pushed or in the browser's URL. */
	OFF,

	/**
	 * Every parameter inside a JWT signed with the client key of {@code private_key_jwt}
	 * ({@code typ oauth-authz-req+jwt}, the issuer as audience, one minute to live, a
	 * fresh {@code jti}): pushed through PAR when PAR is on, else in the browser's URL as
	 * {@code request}, so the provider can tell the request came from the client
	 * unchanged.
	 */
	SIGNED

}
