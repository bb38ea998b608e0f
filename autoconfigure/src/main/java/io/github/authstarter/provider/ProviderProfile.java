package io.github.authstarter.provider;

/**
 * A security profile a provider's sign-ins are held to, whatever else is configured.
 */
public enum ProviderProfile {

	/**
	 * The FAPI 2.0 Security Profile: pushed authorization requests, PKCE with S256,
	 * {@code private_key_jwt}, DPoP-bound tokens, {@code iss} in the authorization
	 * response, and only PS256 or ES256 signatures on the provider's ID tokens. A
	 * provider whose metadata lacks one of them gets no logins (503, naming it), never a
	 * weaker one.
	 */
	FAPI2,

	/**
	 * FAPI 2.0 with message signing: signed authorization requests (JAR) are not
	 * supported yet, so it is refused at startup; signed responses (JARM) are
	 * {@code response-mode: jwt}.
	 */
	FAPI2_MESSAGE_SIGNING

}
