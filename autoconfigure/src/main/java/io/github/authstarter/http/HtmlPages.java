package io.github.authstarter.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.util.HtmlUtils;

/**
 * The one layout of every page the starter serves: the system font, light and dark, a
 * card that fits a phone, in the request's language, and nothing inline or external, so
 * the pages work under a strict {@code Content-Security-Policy}, which they also send.
 * The stylesheet ({@link PageStylesheet}) is served by the starter under a name that
 * changes with its content, so it can be cached for ever.
 */
public final class HtmlPages {

	/** Request attribute with the stylesheet's URL, set where it is served. */
	public static final String STYLESHEET_URL = HtmlPages.class.getName() + ".stylesheet";

	private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self' https:; "
			+ "frame-ancestors 'none'; base-uri 'none'";

	private HtmlPages() {
	}

	/**
	 * Escapes text for a page: only the characters that mean something in HTML, so German
	 * or Japanese text stays readable in the source and small.
	 * @param text the text
	 * @return the text, escaped for an element or a quoted attribute
	 */
	public static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/**
	 * Writes a page, never cached.
	 * @param request the request
	 * @param response the response
	 * @param status the status
	 * @param title the page's title, as text
	 * @param body the page's content, as HTML the caller escaped
	 * @throws IOException when the answer cannot be written
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
			String body) throws IOException {
		response.setStatus(status);
		JsonResponses.noStore(response);
		response.setHeader("Content-Security-Policy", POLICY);
		response.setContentType("text/html;charset=UTF-8");
		// what the text is in, for screen readers and the Content-Language a cache keys
		// on
		String lang = PageTexts.of(request).lang(request);
		response.setHeader("Content-Language", lang);
		response.addHeader("Vary", "Accept-Language");
		Object stylesheet = request.getAttribute(STYLESHEET_URL);
		String link = (stylesheet instanceof String url) ? "<link rel=\"stylesheet\" href=\"" + escape(url) + "\">"
				: "";
		String html = """
				<!DOCTYPE html>
				<html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
				<meta name="color-scheme" content="light dark"><title>%s</title>%s</head>
				<body><main>%s</main></body></html>
				"""
			.formatted(escape(lang), escape(title), link, body);
		response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
	}

}
