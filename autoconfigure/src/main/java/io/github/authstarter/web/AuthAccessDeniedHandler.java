package io.github.authstarter.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers a refused request with a 403 that says what to fix, and one log line with the
 * reason: {@code csrf_invalid} (a POST without the CSRF token, or with another one) or
 * {@code access_denied}. Spring Security's default is a bare 403 and no log line.
 */
final class AuthAccessDeniedHandler implements AccessDeniedHandler {

	private static final Log logger = LogFactory.getLog(AuthAccessDeniedHandler.class);

	private final AuthErrorResponder responder;

	private final AuthPaths paths;

	private final String csrfCookieName;

	AuthAccessDeniedHandler(AuthErrorResponder responder, AuthPaths paths, String csrfCookieName) {
		this.responder = ErrorResponseWriter.prepared(responder);
		this.paths = paths;
		this.csrfCookieName = csrfCookieName;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		boolean csrf = denied instanceof CsrfException;
		AuthError error = csrf
				? new AuthError(403, "csrf_invalid", csrfHint(), null, null, null,
						Map.of("csrfCookie", this.csrfCookieName))
				: new AuthError(403, "access_denied", "You are not allowed to do this.", null);
		logger.warn("Request refused for " + request.getMethod() + " "
				+ request.getRequestURI().substring(request.getContextPath().length()) + ": " + error.error());
		// an API path answers JSON whatever the browser accepts, as its 401 does
		this.responder.respond(JsonOnlyRequest.onApiPaths(request, this.paths), response, error);
	}

	private String csrfHint() {
		return "This request needs the CSRF token: send the " + this.csrfCookieName
				+ " cookie's value back as the X-XSRF-TOKEN header or the _csrf form field. "
				+ "Reload the page and try again.";
	}

}
