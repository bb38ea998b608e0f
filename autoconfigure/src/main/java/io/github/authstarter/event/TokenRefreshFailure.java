package io.github.authstarter.event;

import java.util.Locale;

/**
 * Why a refresh failed.
 */
public enum TokenRefreshFailure {

	/** The provider refused the refresh token; the user was signed out. */
	INVALID_GRANT,

	/** The new id token failed validation; the user was signed out. */
	INVALID_ID_TOKEN,

	/**
	 * The user no longer meets the sign-in policy (a group or role removed at the
	 * provider); the user was signed out.
	 */
	SIGN_IN_REFUSED,

	/** The provider cannot be reached; current tokens kept while valid. */
	PROVIDER_UNAVAILABLE,

	/**
	 * The provider's keys cannot be fetched to check the refresh answer: only the rotated
	 * refresh token was kept, or, once the last sign-in decision is older than
	 * {@code auth.providers.<id>.jwks-max-age}, the user was signed out.
	 */
	JWKS_UNAVAILABLE;

	/**
	 * The lower-case name, as metrics tags and logs show it.
	 * @return the tag
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
