package io.github.authstarter.event;

import java.util.Locale;

/**
 * How a sign-out happened.
 */
public enum SignOutKind {

	/** The provider session is ended too (RP-initiated logout). */
	PROVIDER,

	/** This application only. */
	LOCAL,

	/** The provider ended it (back-channel logout). */
	BACKCHANNEL,

	/** The provider ended it through the browser (front-channel logout). */
	FRONTCHANNEL;

	/**
	 * The lower-case name, as metrics tags and logs show it.
	 * @return the tag
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
