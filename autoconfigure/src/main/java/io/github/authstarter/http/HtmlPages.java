package io.github.authstarter.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.util.HtmlUtils;

/**
 * The one layout of every page the starter serves: the system font, light and dark, a
 * card that fits a phone, and nothing inline or external, so the pages work under a
 * strict {@code Content-Security-Policy}, which they also send. The stylesheet is served
 * by the starter under a name that changes with its content, so it can be cached for
 * ever.
 */
public final class HtmlPages {

	private static final byte[] STYLESHEET = read();

	/** The stylesheet's file name, with a hash of its content. */
	public static final String STYLESHEET_NAME = "auth-" + sha256(STYLESHEET).substring(0, 16) + ".css";

	/** Request attribute with the stylesheet's URL, set where it is served. */
	public static final String STYLESHEET_URL = HtmlPages.class.getName() + ".stylesheet";

	private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self' https:; "
			+ "frame-ancestors 'none'; base-uri 'none'";

	private HtmlPages() {
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
		Object stylesheet = request.getAttribute(STYLESHEET_URL);
		String link = (stylesheet instanceof String url)
				? "<link rel=\"stylesheet\" href=\"" + HtmlUtils.htmlEscape(url) + "\">" : "";
		String html = """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
				<meta name="color-scheme" content="light dark"><title>%s</title>%s</head>
				<body><main>%s</main></body></html>
				"""
			.formatted(HtmlUtils.htmlEscape(title), link, body);
		response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The stylesheet's content.
	 * @return a copy of its bytes
	 */
	public static byte[] stylesheet() {
		return STYLESHEET.clone();
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] read() {
		try (InputStream in = HtmlPages.class.getResourceAsStream("auth-pages.css")) {
			if (in == null) {
				throw new IllegalStateException("auth-pages.css is missing from the starter's jar");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
