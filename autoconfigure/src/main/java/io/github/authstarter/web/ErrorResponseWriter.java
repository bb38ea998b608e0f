package io.github.authstarter.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.authstarter.http.HtmlPages;
import io.github.authstarter.http.JsonResponses;
import io.github.authstarter.http.PageTexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Writes an error as an RFC 9457 problem ({@code application/problem+json}, with the
 * starter's {@code error} and {@code message}) for clients that ask for JSON and as a
 * small HTML page for browsers, so no error ever reaches the user as a stack trace or a
 * blank 500.
 */
final class ErrorResponseWriter {

	private ErrorResponseWriter() {
	}

	/** The starter's own responder: its pages for browsers, problems for JSON. */
	static final AuthErrorResponder STANDARD = ErrorResponseWriter::write;

	/** An error code or reason that may name a message. */
	private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,64}");

	/**
	 * The responder with {@code Cache-Control: no-store} set before it writes (an error
	 * describes one user's request: a consent URL carries the page's query, and an
	 * application's own responder may not think of it), given the error's message in the
	 * request's language.
	 * @param responder the responder
	 * @return the responder that never lets its answer be cached
	 */
	static AuthErrorResponder prepared(AuthErrorResponder responder) {
		return (request, response, error) -> {
			JsonResponses.noStore(response);
			responder.respond(request, response, localized(request, error));
		};
	}

	/**
	 * The error with its message in the request's language: {@code auth.error.<error>.
	 * <reason>}, then {@code auth.error.<error>.<status>}, then
	 * {@code auth.error.<error>} in the application's messages or the starter's. A
	 * sign-in policy's refusal with a reason no bundle names keeps the policy's own
	 * message.
	 */
	static AuthError localized(HttpServletRequest request, AuthError error) {
		if (!CODE.matcher(error.error()).matches()) {
			return error;
		}
		PageTexts texts = PageTexts.of(request);
		// a provider's id only when it is configured: the request may have named any
		String id = (texts.displayName(error.provider()) != null) ? error.provider() : "<id>";
		Object[] args = { texts.provider(request, error.provider()), member(error, "api"), member(error, "parameter"),
				member(error, "csrfCookie"), id };
		String prefix = "auth.error." + error.error();
		String reason = error.reason();
		String message = (reason != null && CODE.matcher(reason).matches())
				? texts.find(request, prefix + "." + reason, args) : null;
		boolean ownRefusal = reason != null && "access_denied".equals(error.error());
		if (message == null && !ownRefusal) {
			message = texts.find(request, prefix + "." + error.status(), args);
			message = (message != null) ? message : texts.find(request, prefix, args);
		}
		return (message != null) ? new AuthError(error.status(), error.error(), message, error.provider(),
				error.reason(), error.signInAgainUrl(), error.members()) : error;
	}

	private static String member(AuthError error, String name) {
		Object value = error.members().get(name);
		return (value != null) ? value.toString() : "";
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
		PageTexts texts = PageTexts.of(request);
		String title = texts.text(request, "auth.page.problem");
		String body = """
				<h1>%s</h1><p id="message">%s</p>%s<p><a href="%s/">%s</a></p>
				""".formatted(HtmlPages.escape(title), HtmlPages.escape(message), (signInAgainUrl != null)
				? "<p><a id=\"sign-in-again\" class=\"button primary\" href=\"" + HtmlPages.escape(signInAgainUrl)
						+ "\">" + HtmlPages.escape(texts.text(request, "auth.page.sign-in-other-account")) + "</a></p>"
				: "", HtmlPages.escape(request.getContextPath()),
				HtmlPages.escape(texts.text(request, "auth.page.back")));
		HtmlPages.write(request, response, status, title, body);
	}

}
