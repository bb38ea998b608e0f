package io.github.authstarter.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a long {@code Accept-Language} from answering 500: Tomcat throws from
 * {@code getLocale()} for more than ten languages ({@code maxLocaleCount}), and Spring's
 * own {@code RequestContextFilter} asks on every request. A request with that many sees
 * only the first ten; every other request passes untouched.
 */
public final class BoundedLocalesFilter extends OncePerRequestFilter {

	/** Tomcat's default {@code maxLocaleCount}. */
	static final int MAX_LOCALES = 10;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Accept-Language");
		if (header == null || header.chars().filter((c) -> c == ',').count() < MAX_LOCALES) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(new BoundedLocales(request, locales(header)), response);
	}

	/**
	 * The first languages of the header, by quality; the server's when none can be read.
	 */
	static List<Locale> locales(String header) {
		String[] ranges = header.split(",", MAX_LOCALES + 1);
		String first = String.join(",", List.of(ranges).subList(0, Math.min(ranges.length, MAX_LOCALES)));
		List<Locale> locales = new ArrayList<>();
		try {
			for (Locale.LanguageRange range : Locale.LanguageRange.parse(first)) {
				if (range.getWeight() > 0 && !range.getRange().contains("*")) {
					locales.add(Locale.forLanguageTag(range.getRange()));
				}
			}
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			// a header that is no list of languages: as if there were none
			locales.clear();
		}
		if (locales.isEmpty()) {
			locales.add(Locale.getDefault());
		}
		return List.copyOf(locales);
	}

	private static final class BoundedLocales extends HttpServletRequestWrapper {

		private final List<Locale> locales;

		BoundedLocales(HttpServletRequest request, List<Locale> locales) {
			super(request);
			this.locales = locales;
		}

		@Override
		public Locale getLocale() {
			return this.locales.get(0);
		}

		@Override
		public Enumeration<Locale> getLocales() {
			return Collections.enumeration(this.locales);
		}

	}

}
