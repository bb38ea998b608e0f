package io.github.authstarter.provider;

/**
 * Whether a provider's tokens are bound to a key the sign-in holds (DPoP, RFC 9449).
 */
public enum DpopMode {

	/**
	 * When the provider's metadata lists {@code ES256} in
	 * {@code dpop_signing_alg_values_supported}.
	 */
	AUTO,

	/** Always: every sign-in gets a key, whatever the metadata says. */
	REQUIRED,

	/** Never: bearer tokens. */
	OFF

}
