package io.github.authstarter.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Loads the deferred CSRF token on every request so its cookie ({@code XSRF-TOKEN} by
 * default) is written before JavaScript needs it for its first POST.
 */
public final class CsrfCookieFilter extends OncePerRequestFilter {

	private static final String HOST_PREFIX = "__Host-";

	private static final String SECURE_PREFIX = "__Secure-";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
			token.getToken();
		}
		chain.doFilter(request, response);
	}

	/**
	 * The token's cookie, readable by JavaScript and sent back in the
	 * {@code X-XSRF-TOKEN} header whatever its name. Browsers drop a {@code __Host-}
	 * cookie that is not {@code Secure} with the path {@code /} (and a {@code __Secure-}
	 * one that is not {@code Secure}), also when told to delete it, so such a name gets
	 * those attributes on every request; the starter never gives the cookie a
	 * {@code Domain}.
	 * @param cookieName the cookie's name
	 * @return the repository
	 */
	static CookieCsrfTokenRepository tokenRepository(String cookieName) {
		CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
		repository.setCookieName(cookieName);
		// browsers match the prefixes regardless of case
		if (cookieName.regionMatches(true, 0, HOST_PREFIX, 0, HOST_PREFIX.length())) {
			repository.setCookiePath("/");
			repository.setCookieCustomizer((cookie) -> cookie.secure(true));
		}
		else if (cookieName.regionMatches(true, 0, SECURE_PREFIX, 0, SECURE_PREFIX.length())) {
			repository.setCookieCustomizer((cookie) -> cookie.secure(true));
		}
		return repository;
	}

}
