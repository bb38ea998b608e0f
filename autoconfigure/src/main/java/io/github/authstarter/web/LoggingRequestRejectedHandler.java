package io.github.authstarter.web;

import java.io.IOException;

import io.github.authstarter.http.PageStylesheet;
import io.github.authstarter.http.PageTexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request that Spring Security's firewall refused (encoded slashes, control
 * characters, path traversal) with a 400 and one log line naming the reason; Spring
 * Security's default logs it only at debug level.
 */
public final class LoggingRequestRejectedHandler implements RequestRejectedHandler {

	private static final Log logger = LogFactory.getLog(LoggingRequestRejectedHandler.class);

	private final AuthErrorResponder responder;

	private final @Nullable AuthPaths paths;

	private final @Nullable PageTexts texts;

	private final @Nullable String stylesheetPath;

	/**
	 * Creates the handler.
	 * @param responder writes the error
	 */
	public LoggingRequestRejectedHandler(AuthErrorResponder responder) {
		this(responder, null);
	}

	/**
	 * Creates the handler.
	 * @param responder writes the error
	 * @param paths the API paths, answered JSON whatever the request accepts, or
	 * {@code null}
	 */
	public LoggingRequestRejectedHandler(AuthErrorResponder responder, @Nullable AuthPaths paths) {
		this.responder = ErrorResponseWriter.prepared(responder);
		this.paths = paths;
		this.texts = null;
		this.stylesheetPath = null;
	}

	/**
	 * Creates the handler that answers in the pages' layout and language: the firewall
	 * refuses before the starter's filters could give the request either.
	 * @param responder writes the error
	 * @param paths the API paths, answered JSON whatever the request accepts
	 * @param stylesheet the pages' stylesheet
	 * @param texts the pages' texts
	 */
	public LoggingRequestRejectedHandler(AuthErrorResponder responder, AuthPaths paths, PageStylesheet stylesheet,
			PageTexts texts) {
		this.responder = ErrorResponseWriter.prepared(responder);
		this.paths = paths;
		this.texts = texts;
		this.stylesheetPath = PageAssetsFilter.stylesheetPath(paths, stylesheet);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		// the firewall's message names the rule and quotes the rejected header name or
		// value: a header may carry a credential, so the quoted part never reaches the
		// log
		String reason = String.valueOf(rejected.getMessage())
			.replaceAll("(?s)\".*\"", "\"(value not logged)\"")
			.replaceAll("\\p{Cntrl}", "?");
		logger.warn("Request rejected by the firewall: "
				+ ((reason.length() > 120) ? reason.substring(0, 120) + "..." : reason));
		if (this.texts != null && this.stylesheetPath != null) {
			PageAssetsFilter.prepare(request, this.stylesheetPath, this.texts);
		}
		this.responder.respond(asked(request), response,
				new AuthError(400, "request_rejected", "This address is not valid here.", null));
	}

	private HttpServletRequest asked(HttpServletRequest request) {
		if (this.paths == null) {
			return request;
		}
		try {
			return JsonOnlyRequest.onApiPaths(request, this.paths);
		}
		catch (RuntimeException ex) {
			// a path the firewall refused may be one no pattern can parse: a page, then
			return request;
		}
	}

}
