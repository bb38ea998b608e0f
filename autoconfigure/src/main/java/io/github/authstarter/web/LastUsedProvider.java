package io.github.authstarter.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;

/**
 * The provider this browser last signed in with, so the sign-in page shows it first: a
 * cookie that holds the provider id and nothing about the user, sent only to the sign-in
 * page's path, for a year. {@code auth.web.pages.remember-provider=false} turns it off.
 */
public final class LastUsedProvider {

	/** The cookie's name. */
	public static final String COOKIE = "AUTH_LAST_PROVIDER";

	private static final long ONE_YEAR_SECONDS = 365L * 24 * 60 * 60;

	private final String path;

	/**
	 * Creates the cookie's reader and writer.
	 * @param paths the endpoints
	 */
	public LastUsedProvider(AuthPaths paths) {
		this.path = paths.login();
	}

	/**
	 * Remembers the provider of a successful sign-in.
	 * @param request the callback's request
	 * @param response its response
	 * @param provider the provider id
	 */
	void remember(HttpServletRequest request, HttpServletResponse response, String provider) {
		ResponseCookie cookie = ResponseCookie.from(COOKIE, provider)
			.path(request.getContextPath() + this.path)
			.maxAge(ONE_YEAR_SECONDS)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build();
		response.addHeader("Set-Cookie", cookie.toString());
	}

	/**
	 * The provider id the browser sent, if it looks like one.
	 * @param request the request
	 * @return the id, or {@code null}
	 */
	@Nullable String read(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName()) && cookie.getValue().matches("[A-Za-z0-9._-]{1,64}")) {
				return cookie.getValue();
			}
		}
		return null;
	}

}
