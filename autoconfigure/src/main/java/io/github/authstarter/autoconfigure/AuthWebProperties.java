package io.github.authstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How browsers and single-page apps are answered.
 */
public class AuthWebProperties {

	/**
	 * Path patterns of the application's API (for example /api/**): requests there always
	 * get the starter's JSON 401/403 answers, never a redirect to the provider, as do
	 * requests that ask for JSON or send X-Requested-With: XMLHttpRequest.
	 */
	private List<String> apiPaths = new ArrayList<>(List.of("/api/**"));

	/**
	 * Path of the application's own sign-in page, used instead of the starter's (at
	 * auth.login.path) when several providers are configured.
	 */
	private @Nullable String loginPage;

	/** Name of the cookie that carries the CSRF token to scripts. */
	private String csrfCookieName = "XSRF-TOKEN";

	/** What the starter's pages show of the application. */
	private final Pages pages = new Pages();

	public Pages getPages() {
		return this.pages;
	}

	public @Nullable String getLoginPage() {
		return this.loginPage;
	}

	public void setLoginPage(@Nullable String loginPage) {
		this.loginPage = loginPage;
	}

	public String getCsrfCookieName() {
		return this.csrfCookieName;
	}

	public void setCsrfCookieName(String csrfCookieName) {
		this.csrfCookieName = csrfCookieName;
	}

	public List<String> getApiPaths() {
		return this.apiPaths;
	}

	public void setApiPaths(List<String> apiPaths) {
		this.apiPaths = apiPaths;
	}

	/**
	 * What the starter's pages show of the application.
	 */
	public static class Pages {

		/**
		 * The application's name on the sign-in page ("Sign in to ..."); defaults to
		 * spring.application.name.
		 */
		private @Nullable String appName;

		/**
		 * The application's logo above the sign-in page's buttons: a path of this
		 * application (such as /img/logo.svg) or an https URL; anything else fails at
		 * startup.
		 */
		private @Nullable String logo;

		/**
		 * The accent colour of the starter's pages (#rrggbb or #rgb): primary buttons
		 * take it with the text colour that reads best on it, links where it keeps WCAG
		 * AA contrast. Providers' own buttons keep their brand colours.
		 */
		private @Nullable String accentColor;

		/**
		 * Whether the sign-in page lists the provider this browser last signed in with
		 * first, remembered in the cookie AUTH_LAST_PROVIDER (the provider id only,
		 * nothing about the user, sent only to the login path, kept a year).
		 */
		private boolean rememberProvider = true;

		/**
		 * The languages the starter's pages and error messages may be shown in
		 * (lower-case ISO 639 codes; default en, de, fr, es, ja, the ones the starter
		 * ships), chosen by the browser's Accept-Language; others get English. Add a
		 * language here together with its texts in the application's
		 * messages_{language}.properties.
		 */
		private List<String> languages = new ArrayList<>(List.of("en", "de", "fr", "es", "ja"));

		/**
		 * Path of the application's own error page (a controller or template answering
		 * any HTTP method), forwarded to with the error in the request attribute
		 * authError, instead of every error page the starter shows browsers; JSON clients
		 * still get the standard problem. The default chain permits it when forwarded to.
		 */
		private @Nullable String errorPage;

		/**
		 * Path of the application's own sign-out confirmation page, forwarded to from GET
		 * auth.logout.path instead of the starter's; its form POSTs to auth.logout.path
		 * with the CSRF token.
		 */
		private @Nullable String signOutPage;

		public @Nullable String getAccentColor() {
			return this.accentColor;
		}

		public void setAccentColor(@Nullable String accentColor) {
			this.accentColor = accentColor;
		}

		public boolean isRememberProvider() {
			return this.rememberProvider;
		}

		public void setRememberProvider(boolean rememberProvider) {
			this.rememberProvider = rememberProvider;
		}

		public List<String> getLanguages() {
			return this.languages;
		}

		public void setLanguages(List<String> languages) {
			this.languages = languages;
		}

		public @Nullable String getErrorPage() {
			return this.errorPage;
		}

		public void setErrorPage(@Nullable String errorPage) {
			this.errorPage = errorPage;
		}

		public @Nullable String getSignOutPage() {
			return this.signOutPage;
		}

		public void setSignOutPage(@Nullable String signOutPage) {
			this.signOutPage = signOutPage;
		}

		public @Nullable String getAppName() {
			return this.appName;
		}

		public void setAppName(@Nullable String appName) {
			this.appName = appName;
		}

		public @Nullable String getLogo() {
			return this.logo;
		}

		public void setLogo(@Nullable String logo) {
			this.logo = logo;
		}

	}

}
