package io.github.authstarter.provider;

import java.util.Locale;

/**
 * How the provider returns the authorization response to the callback.
 */
public enum ResponseMode {

	/** A redirect with the response in the query string. */
	QUERY,

	/**
	 * A cross-site POST of an HTML form; needed by Apple when asking for name or email.
	 */
	FORM_POST;

	/**
	 * The value of the {@code response_mode} authorization parameter.
	 * @return the parameter value
	 */
	public String parameterValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
