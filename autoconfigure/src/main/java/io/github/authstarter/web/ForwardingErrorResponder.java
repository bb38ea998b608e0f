package io.github.authstarter.web;

import java.io.IOException;
import java.util.Set;

import io.github.authstarter.http.JsonResponses;
import io.github.authstarter.http.PageTexts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@code auth.web.pages.error-page}: browsers see the application's own error page, a
 * controller or template at that path (for any HTTP method), which finds the error in the
 * request attribute {@link AuthError#ATTRIBUTE} (its message already in the request's
 * language); JSON clients still get the standard problem. The starter's own page answers
 * instead where a forward cannot work: a request the firewall refused or while the
 * session store is down (the forward would meet the same refusal), a request that is
 * itself a forward or already carries an error (a page that fails would forward to itself
 * for ever), an answer already under way, or a page that throws.
 */
final class ForwardingErrorResponder implements AuthErrorResponder {

	private static final Log logger = LogFactory.getLog(ForwardingErrorResponder.class);

	/** Errors whose cause a forward would meet again. */
	private static final Set<String> NOT_FORWARDED = Set.of("request_rejected", "session_store_unavailable");

	private final String path;

	ForwardingErrorResponder(String path) {
		this.path = path;
	}

	@Override
	public void respond(HttpServletRequest request, HttpServletResponse response, AuthError error) throws IOException {
		if (JsonResponses.wantsJson(request) || NOT_FORWARDED.contains(error.error())
				|| request.getDispatcherType() != DispatcherType.REQUEST
				|| request.getAttribute(AuthError.ATTRIBUTE) != null || response.isCommitted()) {
			ErrorResponseWriter.STANDARD.respond(request, response, error);
			return;
		}
		// the page may show the provider: only a configured one, never an id from the URL
		AuthError shown = (PageTexts.of(request).displayName(error.provider()) != null) ? error
				: new AuthError(error.status(), error.error(), error.message(), null, error.reason(),
						error.signInAgainUrl(), error.members());
		request.setAttribute(AuthError.ATTRIBUTE, shown);
		response.setStatus(error.status());
		try {
			request.getRequestDispatcher(this.path).forward(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			logger.warn("The error page " + this.path + " failed (" + ex.getClass().getSimpleName()
					+ "): the starter's page answered " + error.error());
			if (!response.isCommitted()) {
				// the headers set for this error (Retry-After, Cache-Control: no-store)
				// still hold for the starter's own page
				String retryAfter = response.getHeader("Retry-After");
				String cacheControl = response.getHeader("Cache-Control");
				response.reset();
				if (retryAfter != null) {
					response.setHeader("Retry-After", retryAfter);
				}
				if (cacheControl != null) {
					response.setHeader("Cache-Control", cacheControl);
				}
				ErrorResponseWriter.STANDARD.respond(request, response, error);
			}
		}
	}

}
