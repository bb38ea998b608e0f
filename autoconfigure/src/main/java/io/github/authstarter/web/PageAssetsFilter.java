package io.github.authstarter.web;

import java.io.IOException;

import io.github.authstarter.http.HtmlPages;
import io.github.authstarter.http.PageStylesheet;
import io.github.authstarter.http.PageTexts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the stylesheet of the starter's pages under the login path, before any
 * authorization (the sign-in page needs it before anyone signs in), cached for ever: its
 * name changes with its content. Every other request learns where it is and gets the
 * pages' texts, for the pages and errors it may answer with.
 */
final class PageAssetsFilter extends OncePerRequestFilter {

	private final String assets;

	private final String path;

	private final PageStylesheet stylesheet;

	private final PageTexts texts;

	PageAssetsFilter(AuthPaths paths, PageStylesheet stylesheet, PageTexts texts) {
		this.assets = paths.login() + "/assets/";
		this.path = stylesheetPath(paths, stylesheet);
		this.stylesheet = stylesheet;
		this.texts = texts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requested = request.getRequestURI().substring(request.getContextPath().length());
		boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
		if (read && requested.startsWith(this.assets)) {
			response.setHeader("X-Content-Type-Options", "nosniff");
			if (!requested.equals(this.path)) {
				// another version's name (a rolling deploy): never the login, never
				// cached
				response.setHeader("Cache-Control", "no-store");
				response.setStatus(HttpServletResponse.SC_NOT_FOUND);
				return;
			}
			byte[] stylesheet = this.stylesheet.content();
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType("text/css;charset=UTF-8");
			response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
			response.setContentLength(stylesheet.length);
			if ("GET".equals(request.getMethod())) {
				response.getOutputStream().write(stylesheet);
			}
			return;
		}
		prepare(request, this.path, this.texts);
		chain.doFilter(request, response);
	}

	static String stylesheetPath(AuthPaths paths, PageStylesheet stylesheet) {
		return paths.login() + "/assets/" + stylesheet.name();
	}

	/** What a request needs for the pages it may answer with. */
	static void prepare(HttpServletRequest request, String stylesheetPath, PageTexts texts) {
		request.setAttribute(HtmlPages.STYLESHEET_URL, request.getContextPath() + stylesheetPath);
		texts.attach(request);
	}

}
