package io.github.authstarter.provider;

/**
 * Whether a login pushes its authorization request to the provider first (RFC 9126).
 */
public enum ParMode {

	/**
	 * When the provider's metadata has a {@code pushed_authorization_request_endpoint}.
	 */
	AUTO,

	/** Always; a login start fails when the provider offers no PAR endpoint. */
	REQUIRED,

	/**
	 * Never, unless the provider's metadata says
	 * {@code require_pushed_authorization_requests}: it would refuse every other login.
	 */
	OFF

}
