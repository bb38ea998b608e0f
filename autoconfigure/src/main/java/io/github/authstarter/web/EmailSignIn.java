package io.github.authstarter.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.authstarter.http.HtmlPages;
import io.github.authstarter.http.PageTexts;
import io.github.authstarter.tenant.HomeRealms;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The sign-in page's email field ({@code auth.tenants.email-sign-in}): {@code GET
 * /auth/login?email=...} sends the user to the provider of the address's domain, the
 * address passed on as {@code login_hint}; an address that is not one, or whose domain no
 * provider signs in here, gets the page again saying so.
 */
final class EmailSignIn {

	private static final Log logger = LogFactory.getLog(EmailSignIn.class);

	private static final Pattern DOMAIN = Pattern
		.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

	private static final int MAX_LENGTH = 254;

	private final HomeRealms realms;

	private final AuthPaths paths;

	EmailSignIn(HomeRealms realms, AuthPaths paths) {
		this.realms = realms;
		this.paths = paths;
	}

	/**
	 * Answers an email the page was given.
	 * @param request the request, with its {@code email} parameter
	 * @param redirectQuery the page's own {@code redirect=} parameter, or empty
	 * @return where to send the user, or the page's status and notice
	 */
	Answer answer(HttpServletRequest request, String redirectQuery) {
		String email = String.valueOf(request.getParameter("email")).strip();
		int at = email.lastIndexOf('@');
		String domain = (at > 0) ? email.substring(at + 1).toLowerCase(Locale.ROOT) : "";
		PageTexts texts = PageTexts.of(request);
		if (email.length() > MAX_LENGTH || at <= 0 || email.indexOf('@') != at || !DOMAIN.matcher(domain).matches()
				|| email.chars().anyMatch((c) -> c < 0x21 || c == 0x7f)) {
			logger.info("Email sign-in refused an address that is not one");
			return new Answer(null, HttpServletResponse.SC_BAD_REQUEST, texts.text(request, "auth.page.email-invalid"));
		}
		String provider = this.realms.providerFor(domain, request);
		if (provider == null) {
			logger.info("Email sign-in found no provider for the domain " + domain);
			return new Answer(null, HttpServletResponse.SC_NOT_FOUND,
					texts.text(request, "auth.page.email-unknown", domain));
		}
		String login = request.getContextPath() + this.paths.loginPath(provider) + "?login_hint="
				+ URLEncoder.encode(email, StandardCharsets.UTF_8)
				+ (redirectQuery.isEmpty() ? "" : "&" + redirectQuery.substring(1));
		return new Answer(login, HttpServletResponse.SC_FOUND, null);
	}

	/**
	 * The field, above the page's buttons.
	 * @param request the request
	 * @param redirectQuery the page's own {@code redirect=} parameter, or empty
	 * @param notice what the last address got, or {@code null}
	 * @return the form's HTML
	 */
	String form(HttpServletRequest request, String redirectQuery, @Nullable String notice) {
		PageTexts texts = PageTexts.of(request);
		String redirect = request.getParameter("redirect");
		String hidden = (redirectQuery.isEmpty() || redirect == null) ? ""
				: "<input type=\"hidden\" name=\"redirect\" value=\"" + HtmlPages.escape(redirect) + "\">";
		return "<form id=\"email-sign-in\" class=\"email-sign-in\" method=\"get\" action=\""
				+ HtmlPages.escape(request.getContextPath() + this.paths.login()) + "\">"
				+ ((notice != null) ? "<p class=\"notice\" role=\"alert\">" + HtmlPages.escape(notice) + "</p>" : "")
				+ "<label for=\"email\">" + HtmlPages.escape(texts.text(request, "auth.page.email")) + "</label>"
				+ "<input id=\"email\" type=\"email\" name=\"email\" autocomplete=\"email\" required maxlength=\""
				+ MAX_LENGTH + "\">" + hidden + "<button type=\"submit\">"
				+ HtmlPages.escape(texts.text(request, "auth.page.continue")) + "</button></form>";
	}

	/**
	 * What an address gets.
	 *
	 * @param redirect where to send the user, or {@code null} to show the page
	 * @param status the page's status
	 * @param notice what the page says of the address, or {@code null}
	 */
	record Answer(@Nullable String redirect, int status, @Nullable String notice) {
	}

}
