package io.github.authstarter.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.github.authstarter.flow.RedirectTarget;
import io.github.authstarter.http.HtmlPages;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderRegistrations;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /auth/login}: the starter's sign-in page, one button per configured
 * provider, where users land when there are several. Public whatever the application's
 * rules (it lives in the filter chain); links are relative to the servlet context path; a
 * safe {@code redirect} target is passed on to each provider's login.
 */
final class SignInPageFilter extends OncePerRequestFilter {

	private final AuthPaths paths;

	private final ProviderRegistrations registrations;

	private final PageBranding branding;

	SignInPageFilter(AuthPaths paths, ProviderRegistrations registrations, PageBranding branding) {
		this.paths = paths;
		this.registrations = registrations;
		this.branding = branding;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requested = request.getRequestURI().substring(request.getContextPath().length());
		if (!"GET".equals(request.getMethod()) || !requested.equals(this.paths.login())) {
			chain.doFilter(request, response);
			return;
		}
		String target = request.getParameter("redirect");
		String query = (target != null && RedirectTarget.isSafe(target))
				? "?redirect=" + URLEncoder.encode(target, StandardCharsets.UTF_8) : "";
		StringBuilder buttons = new StringBuilder();
		for (ProviderDefinition provider : this.registrations.definitions()) {
			String href = request.getContextPath() + this.paths.loginPath(provider.registrationId()) + query;
			buttons.append("<li><a class=\"provider\" id=\"provider-")
				.append(HtmlUtils.htmlEscape(provider.registrationId()))
				.append("\" href=\"")
				.append(HtmlUtils.htmlEscape(href))
				.append("\">")
				.append(logo(request, provider))
				.append("Sign in with ")
				.append(HtmlUtils.htmlEscape(provider.displayName()))
				.append("</a></li>");
		}
		String title = (this.branding.appName() != null) ? "Sign in to " + this.branding.appName() : "Sign in";
		String logo = this.branding.logo();
		String appLogo = (logo != null) ? "<img class=\"app-logo\" src=\""
				+ HtmlUtils.htmlEscape(logo.startsWith("/") ? request.getContextPath() + logo : logo) + "\" alt=\"\">"
				: "";
		HtmlPages.write(request, response, HttpServletResponse.SC_OK, title, appLogo + "<h1>"
				+ HtmlUtils.htmlEscape(title) + "</h1><ul id=\"providers\" class=\"providers\">" + buttons + "</ul>");
	}

	private static String logo(HttpServletRequest request, ProviderDefinition provider) {
		String logo = provider.logo();
		if (logo == null) {
			return "";
		}
		String src = logo.startsWith("/") ? request.getContextPath() + logo : logo;
		return "<img class=\"logo\" src=\"" + HtmlUtils.htmlEscape(src) + "\" alt=\"\" width=\"20\" height=\"20\"> ";
	}

}
