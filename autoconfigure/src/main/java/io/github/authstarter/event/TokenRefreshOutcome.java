package io.github.authstarter.event;

import java.util.Locale;

/**
 * How a request got refreshed tokens.
 */
public enum TokenRefreshOutcome {

	/** This instance ran the grant. */
	REFRESHED,

	/** Another instance held the lock and refreshed. */
	WAITED_FOR_OTHER_INSTANCE,

	/** Another holder had rotated them already. */
	REUSED_NEWER_TOKENS;

	/**
	 * The lower-case name, as metrics tags and logs show it.
	 * @return the tag
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
