package io.github.authstarter.logout;

import java.io.IOException;

import io.github.authstarter.http.HtmlPages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * The two logout pages that must work for anyone, so they live in the filter chain rather
 * than behind the application's authorization rules: {@code GET /auth/logout} shows a
 * confirmation form (a GET must never log anyone out), and the provider's return to
 * {@code /auth/logged-out} checks the logout {@code state} once and lands on the
 * post-logout page.
 */
public final class LogoutPagesFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(LogoutPagesFilter.class);

	private final LogoutSettings settings;

	private final LogoutStates states;

	/**
	 * Creates the filter.
	 * @param settings the logout settings
	 * @param states the end-session redirects' states
	 */
	public LogoutPagesFilter(LogoutSettings settings, LogoutStates states) {
		this.settings = settings;
		this.states = states;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!"GET".equals(request.getMethod())) {
			chain.doFilter(request, response);
		}
		else if (path.equals(this.settings.returnPath())) {
			if (this.states.take(request.getParameter("state")) == null) {
				logger.info("Return from a provider logout with an unknown or used state");
			}
			response.sendRedirect(request.getContextPath() + this.settings.successPath());
		}
		else if (path.equals(this.settings.path())) {
			confirmation(request, response);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private void confirmation(HttpServletRequest request, HttpServletResponse response) throws IOException {
		CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		String csrf = (token != null)
				? "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(token.getParameterName()) + "\" value=\""
						+ HtmlUtils.htmlEscape(token.getToken()) + "\">"
				: "";
		String body = """
				<h1>Sign out?</h1>
				<form method="post" action="%s">%s<button type="submit" id="confirm-sign-out">Sign out</button></form>
				""".formatted(HtmlUtils.htmlEscape(request.getContextPath() + this.settings.path()), csrf);
		HtmlPages.write(request, response, HttpServletResponse.SC_OK, "Sign out", body);
	}

}
