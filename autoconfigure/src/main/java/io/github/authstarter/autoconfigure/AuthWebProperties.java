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

}
