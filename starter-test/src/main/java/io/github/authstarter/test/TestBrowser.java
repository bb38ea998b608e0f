package io.github.authstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.authstarter.test.server.TestOpenIdProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A browser without JavaScript for integration tests: a cookie jar and an HTTP client
 * that does not follow redirects on its own, so a test sees every hop. Paths are resolved
 * against the application's base URL; absolute URLs (another instance) work too.
 */
public final class TestBrowser {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String baseUrl;

	private final String registrationId;

	private String loginPath = "/auth/login";

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	TestBrowser(String baseUrl, String registrationId) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.registrationId = registrationId;
		this.http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	TestBrowser loginPath(String loginPath) {
		this.loginPath = loginPath;
		return this;
	}

	/**
	 * Signs in at the provider as the given user through the application's login flow,
	 * following each redirect by hand, and checks that a session came of it.
	 * @param username the user at the provider
	 * @return this browser, now signed in
	 * @throws IllegalStateException naming the hop that went wrong
	 */
	public TestBrowser loginAs(String username) {
		HttpResponse<String> response = get(this.loginPath + "/" + this.registrationId);
		String providerLogin = null;
		for (int hop = 0; hop < 10; hop++) {
			String location = location(response);
			if (location == null) {
				throw new IllegalStateException("Login of '" + username + "' stopped at " + response.uri() + " with "
						+ response.statusCode() + ": " + abbreviate(response.body()));
			}
			if (location.startsWith(this.baseUrl) && !location.contains("/oauth2/code/")
					&& !location.contains(this.loginPath)) {
				if (cookieValue("XSRF-TOKEN") == null && cookieNamed("SESSION") == null) {
					get(location);
				}
				return this;
			}
			if (location.endsWith("/login") && providerLogin == null) {
				providerLogin = location;
				response = signInAtProvider(location, username);
			}
			else {
				response = get(location);
			}
		}
		throw new IllegalStateException("Login of '" + username + "' did not end after 10 redirects");
	}

	private HttpResponse<String> signInAtProvider(String loginPage, String username) {
		HttpResponse<String> page = get(loginPage);
		Matcher csrf = CSRF_FIELD.matcher(page.body());
		if (page.statusCode() != 200 || !csrf.find()) {
			throw new IllegalStateException("No login form at " + loginPage + ": " + page.statusCode());
		}
		HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(loginPage))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(
					Map.of("username", username, "password", TestOpenIdProvider.PASSWORD, "_csrf", csrf.group(1))))));
		String next = location(signedIn);
		if (next == null || next.contains("error")) {
			throw new IllegalStateException("The provider refused user '" + username + "' (unknown?)");
		}
		return signedIn;
	}

	/**
	 * Sends a GET, as a browser navigating.
	 * @param pathOrUrl a path of the application, or an absolute URL
	 * @return the response, not followed if it is a redirect
	 */
	public HttpResponse<String> get(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET());
	}

	/**
	 * Sends a GET asking for JSON, as a page's script would.
	 * @param pathOrUrl a path of the application, or an absolute URL
	 * @return the response
	 */
	public HttpResponse<String> getJson(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "application/json").GET());
	}

	/**
	 * Sends a POST asking for JSON, with the CSRF token from the {@code XSRF-TOKEN}
	 * cookie, as a page's script would.
	 * @param pathOrUrl a path of the application, or an absolute URL
	 * @param json the JSON body, or {@code null} for none
	 * @return the response
	 */
	public HttpResponse<String> postJson(String pathOrUrl, @Nullable String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.POST((json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		String csrf = csrfToken();
		if (csrf != null) {
			request.header("X-XSRF-TOKEN", csrf);
		}
		return send(request);
	}

	/**
	 * A {@code RestClient} for the application that shares this browser's cookies and
	 * sends the CSRF header.
	 * @return the client
	 */
	public RestClient restClient() {
		return RestClient.builder()
			.baseUrl(this.baseUrl)
			.requestFactory(new JdkClientHttpRequestFactory(this.http))
			.requestInterceptor((request, body, execution) -> {
				String csrf = csrfToken();
				if (csrf != null) {
					request.getHeaders().set("X-XSRF-TOKEN", csrf);
				}
				return execution.execute(request, body);
			})
			.build();
	}

	/**
	 * The value of a cookie of the application.
	 * @param name the cookie name, such as {@code SESSION}
	 * @return the value, or {@code null}
	 */
	public @Nullable String cookieValue(String name) {
		HttpCookie cookie = cookieNamed(name);
		return (cookie != null) ? cookie.getValue() : null;
	}

	/**
	 * Removes every cookie of the application, as when the browser is closed.
	 */
	public void clearCookies() {
		this.cookies.getCookieStore().removeAll();
	}

	/**
	 * The application's base URL.
	 * @return the base URL
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	private @Nullable String csrfToken() {
		if (cookieValue("XSRF-TOKEN") == null) {
			get("/");
		}
		return cookieValue("XSRF-TOKEN");
	}

	private @Nullable HttpCookie cookieNamed(String name) {
		return this.cookies.getCookieStore()
			.get(URI.create(this.baseUrl + "/"))
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.findFirst()
			.orElse(null);
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static @Nullable String location(HttpResponse<String> response) {
		if (response.statusCode() / 100 != 3) {
			return null;
		}
		return response.headers()
			.firstValue("Location")
			.map((location) -> response.uri().resolve(location).toString())
			.orElse(null);
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String abbreviate(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "..." : body;
	}

}
