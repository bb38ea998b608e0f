package io.github.authstarter.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Every JSON body the starter writes outside Spring MVC's message converters: its answers
 * and its errors, the latter as RFC 9457 problem details. None of them may be cached:
 * they describe one user's session.
 */
public final class JsonResponses {

	private JsonResponses() {
	}

	/**
	 * Whether the client asked for JSON rather than a page: a script
	 * ({@code X-Requested-With: XMLHttpRequest}) or an {@code Accept} header that names
	 * JSON and not HTML.
	 * @param request the request
	 * @return whether to answer JSON
	 */
	public static boolean wantsJson(HttpServletRequest request) {
		if ("XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
			return true;
		}
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains("json") && !accept.contains("text/html");
	}

	/**
	 * Marks an answer as not to be stored by any cache.
	 * @param response the response
	 */
	public static void noStore(HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
	}

	/**
	 * Writes a JSON body.
	 * @param response the response
	 * @param status the HTTP status
	 * @param body the body: maps, lists, strings, numbers, booleans and {@code null}
	 * @throws IOException when the response cannot be written
	 */
	public static void json(HttpServletResponse response, int status, Object body) throws IOException {
		write(response, status, MediaType.APPLICATION_JSON, body);
	}

	/**
	 * Writes an RFC 9457 problem ({@code application/problem+json}): {@code type}
	 * ({@code about:blank}), {@code title} (the status's phrase), {@code status} and
	 * {@code detail}, then the starter's own members: {@code error}, the stable code
	 * clients switch on, {@code message} (the same sentence as {@code detail}, kept for
	 * clients written before problem details), and any others given.
	 * @param response the response
	 * @param status the HTTP status
	 * @param error the starter's error code, such as {@code state_unknown}
	 * @param message a sentence for the user
	 * @param members further members, such as {@code loginUrl}; {@code null} values are
	 * left out
	 * @throws IOException when the response cannot be written
	 */
	public static void problem(HttpServletResponse response, int status, String error, String message,
			Map<String, ? extends @Nullable Object> members) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		HttpStatus known = HttpStatus.resolve(status);
		body.put("title", (known != null) ? known.getReasonPhrase() : "Error");
		body.put("status", status);
		body.put("detail", message);
		body.put("error", error);
		body.put("message", message);
		members.forEach((name, value) -> {
			// a member never replaces what the problem itself says
			if (value != null && !body.containsKey(name)) {
				body.put(name, value);
			}
		});
		write(response, status, MediaType.APPLICATION_PROBLEM_JSON, body);
	}

	private static void write(HttpServletResponse response, int status, MediaType type, Object body)
			throws IOException {
		response.setStatus(status);
		noStore(response);
		response.setContentType(type.toString());
		response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(body));
	}

}
