package io.github.authstarter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes an error as {@code {"error", "message"}} JSON for clients that ask for JSON and
 * as a small HTML page for browsers, so no error ever reaches the user as a stack trace
 * or a blank 500.
 */
final class ErrorResponseWriter {

	private ErrorResponseWriter() {
	}

	static boolean wantsJson(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		if ("XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
			return true;
		}
		return accept != null && accept.contains("json") && !accept.contains("text/html");
	}

	static void write(HttpServletRequest request, HttpServletResponse response, AuthError error) throws IOException {
		write(request, response, error.status(), error.error(), error.message(), error.reason(),
				error.signInAgainUrl());
	}

	static void write(HttpServletRequest request, HttpServletResponse response, int status, String error,
			String message) throws IOException {
		write(request, response, status, error, message, null, null);
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, int status, String error,
			String message, @Nullable String reason, @Nullable String signInAgainUrl) throws IOException {
		response.setStatus(status);
		response.setHeader("Cache-Control", "no-store");
		if (wantsJson(request)) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", error);
			if (reason != null) {
				body.put("reason", reason);
			}
			body.put("message", message);
			if (signInAgainUrl != null) {
				body.put("signInAgainUrl", signInAgainUrl);
			}
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getOutputStream().write(JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8));
			return;
		}
		response.setContentType("text/html;charset=UTF-8");
		String html = """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>Sign-in problem</title></head>
				<body><h1>Sign-in problem</h1><p id="message">%s</p>%s<p><a href="%s/">Back to the start page</a></p>
				</body></html>
				""".formatted(HtmlUtils.htmlEscape(message),
				(signInAgainUrl != null) ? "<p><a id=\"sign-in-again\" href=\"" + HtmlUtils.htmlEscape(signInAgainUrl)
						+ "\">Sign in with another account</a></p>" : "",
				HtmlUtils.htmlEscape(request.getContextPath()));
		response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
	}

}
