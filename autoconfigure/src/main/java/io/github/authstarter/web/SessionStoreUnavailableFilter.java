package io.github.authstarter.web;

import java.io.IOException;

import io.github.authstarter.session.SessionStoreFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code 503 session_store_unavailable} (an HTML page or JSON, with
 * {@code Retry-After}) when a request fails because Redis cannot be reached, instead of a
 * 500 with a stack trace. It sits outside Spring Session's filter, so failures to load
 * and to save the session are caught too. Nothing is retried: when Redis is back, the
 * next request works, with every session Redis kept.
 */
public final class SessionStoreUnavailableFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(SessionStoreUnavailableFilter.class);

	private final AuthErrorResponder responder;

	private final @Nullable AuthPaths paths;

	/**
	 * Creates the filter.
	 * @param responder writes the error
	 */
	public SessionStoreUnavailableFilter(AuthErrorResponder responder) {
		this(responder, null);
	}

	/**
	 * Creates the filter.
	 * @param responder writes the error
	 * @param paths the API paths, which are answered JSON whatever the request accepts,
	 * or {@code null} when the starter's login is not configured
	 */
	public SessionStoreUnavailableFilter(AuthErrorResponder responder, @Nullable AuthPaths paths) {
		this.responder = ErrorResponseWriter.prepared(responder);
		this.paths = paths;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (!SessionStoreFailures.isUnavailable(ex)) {
				throw ex;
			}
			logger.warn("Session store unavailable for " + request.getMethod() + " " + request.getRequestURI() + ": "
					+ ex.getClass().getSimpleName());
			if (response.isCommitted()) {
				return;
			}
			response.reset();
			response.setHeader("Retry-After", "5");
			HttpServletRequest asked = (this.paths != null) ? JsonOnlyRequest.onApiPaths(request, this.paths) : request;
			this.responder.respond(asked, response, new AuthError(503, "session_store_unavailable",
					"Sign-in is unavailable for a moment: the session store cannot be reached. Please try again shortly.",
					null));
		}
	}

}
