package io.github.authstarter.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.http.HtmlPages;
import io.github.authstarter.http.JsonResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.HtmlUtils;

/**
 * Writes an error as an RFC 9457 problem ({@code application/problem+json}, with the
 * starter's {@code error} and {@code message}) for clients that ask for JSON and as a
 * small HTML page for browsers, so no error ever reaches the user as a stack trace or a
 * blank 500.
 */
final class ErrorResponseWriter {

	private ErrorResponseWriter() {
	}

	/**
	 * The responder with {@code Cache-Control: no-store} set before it writes: an error
	 * describes one user's request (a consent URL carries the page's query), and an
	 * application's own responder may not think of it.
	 * @param responder the responder
	 * @return the responder that never lets its answer be cached
	 */
	static AuthErrorResponder neverCached(AuthErrorResponder responder) {
		return (request, response, error) -> {
			JsonResponses.noStore(response);
			responder.respond(request, response, error);
		};
	}

	static void write(HttpServletRequest request, HttpServletResponse response, AuthError error) throws IOException {
		write(request, response, error.status(), error.error(), error.message(), error.reason(), error.signInAgainUrl(),
				error.members());
	}

	static void write(HttpServletRequest request, HttpServletResponse response, int status, String error,
			String message) throws IOException {
		write(request, response, status, error, message, null, null, Map.of());
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, int status, String error,
			String message, @Nullable String reason, @Nullable String signInAgainUrl, Map<String, Object> members)
			throws IOException {
		if (JsonResponses.wantsJson(request)) {
			Map<String, @Nullable Object> named = new LinkedHashMap<>();
			named.put("reason", reason);
			named.put("signInAgainUrl", signInAgainUrl);
			members.forEach(named::putIfAbsent);
			JsonResponses.problem(response, status, error, message, named);
			return;
		}
		String body = """
				<h1>Sign-in problem</h1><p id="message">%s</p>%s<p><a href="%s/">Back to the start page</a></p>
				""".formatted(HtmlUtils.htmlEscape(message),
				(signInAgainUrl != null) ? "<p><a id=\"sign-in-again\" class=\"button primary\" href=\""
						+ HtmlUtils.htmlEscape(signInAgainUrl) + "\">Sign in with another account</a></p>" : "",
				HtmlUtils.htmlEscape(request.getContextPath()));
		HtmlPages.write(request, response, status, "Sign-in problem", body);
	}

}
