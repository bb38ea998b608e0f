package io.github.authstarter.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the starter's errors. Declare a bean of this type to change the error page or
 * the JSON shape; the default writes an RFC 9457 problem
 * ({@code application/problem+json} with the starter's {@code error} and {@code message}
 * and the error's {@link AuthError#members() members}) for clients that ask for JSON and
 * a small HTML page for browsers.
 */
@FunctionalInterface
public interface AuthErrorResponder {

	/**
	 * Writes the error; the status is already decided by {@code error}.
	 * @param request the request
	 * @param response the response
	 * @param error the error
	 * @throws IOException when the response cannot be written
	 */
	void respond(HttpServletRequest request, HttpServletResponse response, AuthError error) throws IOException;

	/**
	 * The default responder.
	 * @return a responder that answers JSON clients with JSON and browsers with HTML
	 */
	static AuthErrorResponder standard() {
		return ErrorResponseWriter.STANDARD;
	}

	/**
	 * A responder that shows browsers the application's own error page: a controller or
	 * template at {@code path} (permitted to everyone), forwarded to with the error in
	 * the request attribute {@link AuthError#ATTRIBUTE} and the status already set; JSON
	 * clients get the standard problem. {@code auth.web.pages.error-page} declares it.
	 * @param path the page's path in this application, such as {@code /sign-in-problem}
	 * @return the responder
	 */
	static AuthErrorResponder forwardTo(String path) {
		return new ForwardingErrorResponder(path);
	}

}
