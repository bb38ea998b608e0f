package io.github.authstarter.web;

import java.io.IOException;

import io.github.authstarter.http.JsonResponses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code auth.web.pages.error-page}: browsers see the application's own error page, a
 * controller or template at that path, which finds the error in the request attribute
 * {@link AuthError#ATTRIBUTE} (its message already in the request's language); JSON
 * clients still get the standard problem.
 */
final class ForwardingErrorResponder implements AuthErrorResponder {

	private final String path;

	ForwardingErrorResponder(String path) {
		this.path = path;
	}

	@Override
	public void respond(HttpServletRequest request, HttpServletResponse response, AuthError error) throws IOException {
		if (JsonResponses.wantsJson(request)) {
			AuthErrorResponder.standard().respond(request, response, error);
			return;
		}
		request.setAttribute(AuthError.ATTRIBUTE, error);
		response.setStatus(error.status());
		try {
			request.getRequestDispatcher(this.path).forward(request, response);
		}
		catch (ServletException ex) {
			throw new IOException("The error page " + this.path + " failed", ex);
		}
	}

}
