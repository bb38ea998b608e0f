package io.github.authstarter.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.authstarter.flow.RedirectTarget;
import io.github.authstarter.http.HtmlPages;
import io.github.authstarter.http.JsonResponses;
import io.github.authstarter.http.PageTexts;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.tenant.TenantResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code GET /auth/login}: the starter's sign-in page, one button per configured
 * provider, where users land when there are several; the provider this browser last used
 * comes first. Public whatever the application's rules (it lives in the filter chain);
 * links are relative to the servlet context path; a safe {@code redirect} target is
 * passed on to each provider's login.
 */
final class SignInPageFilter extends OncePerRequestFilter {

	private final AuthPaths paths;

	private final ProviderRegistrations registrations;

	private final PageBranding branding;

	private final @Nullable LastUsedProvider lastUsed;

	private TenantResolver tenants = (request) -> null;

	private @Nullable EmailSignIn emailSignIn;

	SignInPageFilter(AuthPaths paths, ProviderRegistrations registrations, PageBranding branding,
			@Nullable LastUsedProvider lastUsed) {
		this.paths = paths;
		this.registrations = registrations;
		this.branding = branding;
		this.lastUsed = lastUsed;
	}

	/**
	 * Lists, on each request, the providers of its tenant besides the configured ones.
	 * @param tenants the tenant of each request
	 */
	void setTenants(TenantResolver tenants) {
		this.tenants = tenants;
	}

	/**
	 * Asks for an email above the buttons and sends the user to its domain's provider.
	 * @param emailSignIn the email field
	 */
	void setEmailSignIn(EmailSignIn emailSignIn) {
		this.emailSignIn = emailSignIn;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requested = request.getRequestURI().substring(request.getContextPath().length());
		if (!"GET".equals(request.getMethod()) || !requested.equals(this.paths.login())) {
			chain.doFilter(request, response);
			return;
		}
		PageTexts texts = PageTexts.of(request);
		String target = request.getParameter("redirect");
		String query = (target != null && RedirectTarget.isSafe(target))
				? "?redirect=" + URLEncoder.encode(target, StandardCharsets.UTF_8) : "";
		int status = HttpServletResponse.SC_OK;
		String notice = null;
		if (this.emailSignIn != null && request.getParameter("email") != null) {
			EmailSignIn.Answer answer = this.emailSignIn.answer(request, query);
			if (answer.redirect() != null) {
				JsonResponses.noStore(response);
				response.sendRedirect(answer.redirect());
				return;
			}
			status = answer.status();
			notice = answer.notice();
		}
		String last = (this.lastUsed != null) ? this.lastUsed.read(request) : null;
		List<ProviderDefinition> providers = new ArrayList<>(
				this.registrations.definitionsFor(this.tenants.resolve(request)));
		// the one this browser used last first; an id that is no longer configured is
		// ignored
		providers.sort((a, b) -> Boolean.compare(!a.registrationId().equals(last), !b.registrationId().equals(last)));
		StringBuilder buttons = new StringBuilder();
		for (ProviderDefinition provider : providers) {
			String href = request.getContextPath() + this.paths.loginPath(provider.registrationId()) + query;
			ProviderBrand brand = ProviderBrand.of(provider);
			buttons.append("<li><a class=\"provider")
				.append((brand != null) ? " " + brand.cssClass() : "")
				.append("\" id=\"provider-")
				.append(HtmlPages.escape(provider.registrationId()))
				.append("\" href=\"")
				.append(HtmlPages.escape(href))
				.append("\">")
				.append((brand != null) ? brand.logo() : logo(request, provider))
				.append("<span>")
				.append(HtmlPages.escape(texts.text(request, "auth.page.sign-in-with", provider.displayName())))
				.append("</span>");
			if (provider.registrationId().equals(last) && providers.size() > 1) {
				buttons.append("<span class=\"last-used\">")
					.append(HtmlPages.escape(texts.text(request, "auth.page.last-used")))
					.append("</span>");
			}
			buttons.append("</a></li>");
		}
		String title = (this.branding.appName() != null)
				? texts.text(request, "auth.page.sign-in-to", this.branding.appName())
				: texts.text(request, "auth.page.sign-in");
		String logo = this.branding.logo();
		String appLogo = (logo != null) ? "<img class=\"app-logo\" src=\""
				+ HtmlPages.escape(logo.startsWith("/") ? request.getContextPath() + logo : logo) + "\" alt=\"\">" : "";
		String email = (this.emailSignIn != null) ? this.emailSignIn.form(request, query, notice) : "";
		HtmlPages.write(request, response, status, title, appLogo + "<h1>" + HtmlPages.escape(title) + "</h1>" + email
				+ "<ul id=\"providers\" class=\"providers\">" + buttons + "</ul>");
	}

	private static String logo(HttpServletRequest request, ProviderDefinition provider) {
		String logo = provider.logo();
		if (logo == null) {
			return "";
		}
		String src = logo.startsWith("/") ? request.getContextPath() + logo : logo;
		return "<img class=\"logo\" src=\"" + HtmlPages.escape(src) + "\" alt=\"\" width=\"20\" height=\"20\">";
	}

}
