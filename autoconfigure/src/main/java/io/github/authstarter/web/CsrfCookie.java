package io.github.authstarter.web;

import java.util.regex.Pattern;

/**
 * The cookie that carries the CSRF token to the application's JavaScript, which sends it
 * back in the {@code X-XSRF-TOKEN} header.
 *
 * @param name the cookie's name: an RFC 6265 token, which a {@code Set-Cookie} header can
 * carry
 */
public record CsrfCookie(String name) {

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

	/**
	 * The cookie Angular and Axios read by default (declared after the pattern it needs).
	 */
	public static final CsrfCookie DEFAULT = new CsrfCookie("XSRF-TOKEN");

	/**
	 * Checked here, not at the first request, where the servlet container would refuse to
	 * write the cookie and every page would fail.
	 * @throws IllegalArgumentException when no browser would accept the name
	 */
	public CsrfCookie {
		if (!TOKEN.matcher(name).matches()) {
			throw new IllegalArgumentException("not a cookie name: use letters, digits and !#$%&'*+-.^_`|~ only");
		}
	}

}
