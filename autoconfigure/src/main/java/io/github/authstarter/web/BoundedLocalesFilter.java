package io.github.authstarter.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a long {@code Accept-Language} from answering 500: Tomcat throws from
 * {@code getLocale()} past its {@code maxLocaleCount} (ten by default, counted over every
 * line of the header and split on spaces as well as commas), and Spring's own
 * {@code RequestContextFilter} asks on every request and every error dispatch. The
 * container still parses the header, the same way and lazily; a request it refuses to
 * parse in full gets the languages it kept, the first ones by quality.
 */
public final class BoundedLocalesFilter implements Filter {

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest http && !(request instanceof BoundedLocales)
				&& http.getHeader("Accept-Language") != null) {
			chain.doFilter(new BoundedLocales(http), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static final class BoundedLocales extends HttpServletRequestWrapper {

		private @Nullable List<Locale> locales;

		BoundedLocales(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Locale getLocale() {
			return locales().get(0);
		}

		@Override
		public Enumeration<Locale> getLocales() {
			return Collections.enumeration(locales());
		}

		private List<Locale> locales() {
			List<Locale> known = this.locales;
			if (known == null) {
				known = parsed();
				this.locales = known;
			}
			return known;
		}

		private List<Locale> parsed() {
			List<Locale> parsed;
			try {
				parsed = Collections.list(super.getLocales());
			}
			catch (IllegalArgumentException tooMany) {
				// Tomcat has kept the first languages it may and marked the header parsed
				try {
					parsed = Collections.list(super.getLocales());
				}
				catch (IllegalArgumentException again) {
					parsed = List.of();
				}
			}
			return parsed.isEmpty() ? List.of(Locale.getDefault()) : List.copyOf(parsed);
		}

	}

}
