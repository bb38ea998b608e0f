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
