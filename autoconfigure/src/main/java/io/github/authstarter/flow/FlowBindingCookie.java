package io.github.authstarter.flow;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The browser-wide random value that binds a started login to the browser that started
 * it: each flow record carries its hash, and the callback must bring the cookie back.
 * Over HTTPS the cookie is {@code __Host-} prefixed, which a sibling subdomain or a
 * plain-HTTP man in the middle cannot set.
 */
final class FlowBindingCookie {

	private final SecureRandom random = new SecureRandom();

	private final String name;

	private final Duration maxAge;

	FlowBindingCookie(String name, Duration maxAge) {
		this.name = name;
		this.maxAge = maxAge;
	}

	/**
	 * The browser's binding, or {@code null} when it has none. Several cookies of the
	 * name mean someone planted one: which is the browser's own cannot be told, so none
	 * is trusted.
	 * @throws AmbiguousException when the browser sent several
	 */
	@Nullable String read(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		String cookieName = cookieName(request);
		String found = null;
		for (Cookie cookie : cookies) {
			if (cookieName.equals(cookie.getName())) {
				if (found != null) {
					throw new AmbiguousException();
				}
				found = cookie.getValue();
			}
		}
		return (found != null && found.matches("[A-Za-z0-9_-]{43}")) ? found : null;
	}

	/**
	 * The binding a login start uses: the browser's own, or a new one. A planted cookie
	 * is simply not reused: a new binding replaces it.
	 */
	String reuseOrCreate(HttpServletRequest request) {
		String binding;
		try {
			binding = read(request);
		}
		catch (AmbiguousException ex) {
			binding = null;
		}
		if (binding != null) {
			return binding;
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * A form_post callback is a cross-site POST, which drops SameSite=Lax cookies; over
	 * HTTPS the binding cookie is therefore SameSite=None. It carries no identity, only a
	 * random value, so this weakens nothing.
	 */
	void write(String binding, HttpServletRequest request, HttpServletResponse response) {
		ResponseCookie cookie = ResponseCookie.from(cookieName(request), binding)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite(request.isSecure() ? "None" : "Lax")
			// login start and callback both need it, whatever tenant's path or forwarded
			// prefix they are below (one browser, one binding; over plain http a path
			// keeps nothing apart); a __Host- cookie must have the path /
			.path("/")
			.maxAge(this.maxAge)
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	private String cookieName(HttpServletRequest request) {
		return request.isSecure() ? "__Host-" + this.name : this.name;
	}

	/** The browser sent several binding cookies. */
	static final class AmbiguousException extends RuntimeException {

		AmbiguousException() {
			super(null, null, false, false);
		}

	}

}
