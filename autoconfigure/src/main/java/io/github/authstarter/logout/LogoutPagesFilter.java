package io.github.authstarter.logout;

import java.io.IOException;

import io.github.authstarter.http.HtmlPages;
import io.github.authstarter.http.PageTexts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The logout pages that must work for anyone, so they live in the filter chain rather
 * than behind the application's authorization rules: {@code GET /auth/logout} shows a
 * confirmation form (a GET must never log anyone out; the application's own page where
 * {@code auth.web.pages.sign-out-page} names one), and the provider's return to
 * {@code /auth/logged-out} checks the logout {@code state} once and lands on the
 * post-logout page: the application's, or the starter's "you are signed out" page when
 * {@code auth.logout.success-path} is the return path itself.
 */
public final class LogoutPagesFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(LogoutPagesFilter.class);

	private final LogoutSettings settings;

	private final LogoutStates states;

	private final @Nullable String signOutPage;

	/**
	 * Creates the filter.
	 * @param settings the logout settings
	 * @param states the end-session redirects' states
	 */
	public LogoutPagesFilter(LogoutSettings settings, LogoutStates states) {
		this(settings, states, null);
	}

	/**
	 * Creates the filter.
	 * @param settings the logout settings
	 * @param states the end-session redirects' states
	 * @param signOutPage the application's own confirmation page, forwarded to, or
	 * {@code null} for the starter's
	 */
	public LogoutPagesFilter(LogoutSettings settings, LogoutStates states, @Nullable String signOutPage) {
		this.settings = settings;
		this.states = states;
		this.signOutPage = signOutPage;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!"GET".equals(request.getMethod())) {
			chain.doFilter(request, response);
		}
		else if (path.equals(this.settings.returnPath())) {
			String state = request.getParameter("state");
			if (state != null && this.states.take(state) == null) {
				logger.info("Return from a provider logout with an unknown or used state");
			}
			if (this.settings.successPath().equals(this.settings.returnPath()) && signedIn()) {
				// a link must not tell a signed-in user they are signed out
				response.sendRedirect(request.getContextPath() + "/");
			}
			else if (this.settings.successPath().equals(this.settings.returnPath())) {
				signedOut(request, response);
			}
			else {
				response.sendRedirect(request.getContextPath() + this.settings.successPath());
			}
		}
		else if (path.equals(this.settings.path()) && this.signOutPage != null) {
			request.getRequestDispatcher(this.signOutPage).forward(request, response);
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
		String csrf = (token != null) ? "<input type=\"hidden\" name=\"" + HtmlPages.escape(token.getParameterName())
				+ "\" value=\"" + HtmlPages.escape(token.getToken()) + "\">" : "";
		PageTexts texts = PageTexts.of(request);
		String body = """
				<h1>%s</h1>
				<form method="post" action="%s">%s<button type="submit" id="confirm-sign-out">%s</button></form>
				""".formatted(HtmlPages.escape(texts.text(request, "auth.page.sign-out-question")),
				HtmlPages.escape(request.getContextPath() + this.settings.path()), csrf,
				HtmlPages.escape(texts.text(request, "auth.page.sign-out")));
		HtmlPages.write(request, response, HttpServletResponse.SC_OK, texts.text(request, "auth.page.sign-out"), body);
	}

	private static boolean signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	private void signedOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
		PageTexts texts = PageTexts.of(request);
		String title = texts.text(request, "auth.page.signed-out");
		String body = """
				<h1>%s</h1><p id="message">%s</p><p><a id="sign-in-again" class="button primary" href="%s/">%s</a></p>
				""".formatted(HtmlPages.escape(title),
				HtmlPages.escape(texts.text(request, "auth.page.signed-out-text")),
				HtmlPages.escape(request.getContextPath()),
				HtmlPages.escape(texts.text(request, "auth.page.sign-in-again")));
		HtmlPages.write(request, response, HttpServletResponse.SC_OK, title, body);
	}

}
