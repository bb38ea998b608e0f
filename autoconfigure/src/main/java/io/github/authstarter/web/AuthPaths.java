package io.github.authstarter.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Where the starter's endpoints live: {@code auth.*.path} and {@code auth.web.*}, the
 * only place their defaults are written.
 *
 * @param login the path under which login starts, followed by the provider id
 * @param callback the path under which providers send users back, followed by the
 * provider id
 * @param user the path of the current user's JSON
 * @param refresh the path that refreshes the tokens
 * @param providers the path of the provider list
 * @param sessions the path of the user's sessions on every device
 * @param apiPaths patterns of the application's API paths, such as {@code /api/**}, which
 * answer JSON {@code 401}/{@code 403} instead of a redirect to the provider
 * @param loginPage the application's own sign-in page, or {@code null} for the starter's
 * at {@code login}
 */
public record AuthPaths(String login, String callback, String user, String refresh, String providers, String sessions,
		List<String> apiPaths, @Nullable String loginPage) {

	private static final PathPatternParser PATTERNS = new PathPatternParser();

	/** Parsed once: the entry point asks on every anonymous request. */
	private static final Map<String, PathPattern> PARSED = new ConcurrentHashMap<>();

	/**
	 * Creates the paths.
	 */
	public AuthPaths {
		apiPaths = List.copyOf(apiPaths);
		apiPaths.forEach(AuthPaths::pattern);
	}

	/**
	 * Whether the request is for the starter's JSON endpoints or the application's API
	 * paths, which always answer JSON and never redirect.
	 * @param path the request path, without the context path
	 * @return whether it is an API path
	 */
	public boolean isApi(String path) {
		if (path.equals(this.user) || path.equals(this.refresh)) {
			return true;
		}
		PathContainer container = PathContainer.parsePath(path);
		return this.apiPaths.stream().anyMatch((pattern) -> pattern(pattern).matches(container));
	}

	private static PathPattern pattern(String pattern) {
		return PARSED.computeIfAbsent(pattern, PATTERNS::parse);
	}

	/**
	 * Where users choose a provider when there are several: the application's own page,
	 * else the starter's at the login path.
	 * @return the sign-in page's path
	 */
	public String signInPage() {
		return (this.loginPage != null) ? this.loginPage : this.login;
	}

	/**
	 * Whether the starter serves the sign-in page itself.
	 * @return whether no page of the application replaces it
	 */
	public boolean servesSignInPage() {
		return this.loginPage == null;
	}

	/**
	 * The login URL of a provider.
	 * @param registrationId the provider id
	 * @return the path that starts a login with it
	 */
	public String loginPath(String registrationId) {
		return this.login + "/" + registrationId;
	}

}
