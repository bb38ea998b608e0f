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
	FORM_POST,

	/**
	 * A JWT the provider signs (JARM), in the query: the {@code response} parameter,
	 * whose signature, issuer, audience and expiry are checked before the code is read.
	 */
	JWT,

	/** The same as {@link #JWT}, named explicitly ({@code query.jwt}). */
	QUERY_JWT,

	/** A signed JWT (JARM) in a cross-site form POST ({@code form_post.jwt}). */
	FORM_POST_JWT;

	/**
	 * The value of the {@code response_mode} authorization parameter.
	 * @return the parameter value
	 */
	public String parameterValue() {
		return switch (this) {
			case QUERY_JWT -> "query.jwt";
			case FORM_POST_JWT -> "form_post.jwt";
			default -> name().toLowerCase(Locale.ROOT);
		};
	}

	/**
	 * Whether the provider signs the response (JARM).
	 * @return whether it is a JWT
	 */
	public boolean signed() {
		return this == JWT || this == QUERY_JWT || this == FORM_POST_JWT;
	}

	/**
	 * Whether the response arrives by a cross-site form POST.
	 * @return whether it is posted
	 */
	public boolean posted() {
		return this == FORM_POST || this == FORM_POST_JWT;
	}

}
