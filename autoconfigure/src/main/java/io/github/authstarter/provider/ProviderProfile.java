package io.github.authstarter.provider;

/**
 * A security profile a provider's sign-ins are held to, whatever else is configured.
 */
public enum ProviderProfile {

	/**
	 * The FAPI 2.0 Security Profile: pushed authorization requests, PKCE with S256,
	 * {@code private_key_jwt} (ES256, or PS256 with an RSA key) with DPoP-bound tokens or
	 * mutual TLS with certificate-bound ones, {@code iss} in the authorization response,
	 * and only PS256 or ES256 signatures on the provider's ID tokens. A provider whose
	 * metadata lacks one of them gets no logins (503, naming it), never a weaker one.
	 */
	FAPI2,

	/**
	 * FAPI 2.0 Message Signing: all of {@link #FAPI2}, with every authorization request
	 * signed (JAR, {@code request-object: signed}) and every authorization response
	 * signed (JARM, {@code response-mode: jwt} unless {@code query.jwt} is set); a
	 * provider whose metadata does not list request objects of the client key's algorithm
	 * (ES256, or PS256 for an RSA key) and PS256 or ES256 responses gets no logins.
	 */
	FAPI2_MESSAGE_SIGNING

}
