package io.github.authstarter.test.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A browser without JavaScript for integration tests: one cookie jar and an HTTP client
 * that never follows a redirect by itself, so a test sees every hop and may send each to
 * the app instance it chooses, as a load balancer without sticky sessions would. Cookies
 * are kept per host, not per port, as real browsers keep them: instances on
 * {@code 127.0.0.1} share them, the provider on {@code localhost} has its own.
 * <p>
 * Paths are resolved against the base URL given at construction; absolute URLs work
 * everywhere.
 */
public final class Browser implements AutoCloseable {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern FORM = Pattern.compile("<form([^>]*)>(.*?)</form>",
			Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

	private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*)\"");

	private static final Pattern HIDDEN_INPUT = Pattern
		.compile("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");

	private final @Nullable String baseUrl;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	private volatile @Nullable String userAgent;

	/**
	 * A browser for absolute URLs only.
	 */
	public Browser() {
		this(null);
	}

	/**
	 * A browser for one application.
	 * @param baseUrl the application's base URL that paths are resolved against
	 */
	public Browser(@Nullable String baseUrl) {
		this.baseUrl = (baseUrl != null && baseUrl.endsWith("/")) ? baseUrl.substring(0, baseUrl.length() - 1)
				: baseUrl;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Sends this {@code User-Agent} with every request from now on, as a real browser
	 * would.
	 * @param userAgent the header value
	 * @return this browser
	 */
	public Browser userAgent(String userAgent) {
		this.userAgent = userAgent;
		return this;
	}

	/**
	 * Sends a GET, as a browser navigating.
	 * @param pathOrUrl a path of the application, or an absolute URL
	 * @return the response, not followed if it is a redirect
	 */
	public HttpResponse<String> get(String pathOrUrl) {
		return send("GET", pathOrUrl, Map.of("Accept", "text/html"), null);
	}

	/**
	 * Sends a GET asking for JSON, as a page's script would.
	 * @param pathOrUrl a path of the application, or an absolute URL
	 * @return the response
	 */
	public HttpResponse<String> getJson(String pathOrUrl) {
		return send("GET", pathOrUrl, Map.of("Accept", "application/json"), null);
	}

	/**
	 * Sends a POST asking for JSON, with the CSRF token from the {@code XSRF-TOKEN}
	 * cookie, as a page's script would.
	 * @param pathOrUrl a path of the application, or an absolute URL
	 * @param json the JSON body, or {@code null} for none
	 * @return the response
	 */
	public HttpResponse<String> postJson(String pathOrUrl, @Nullable String json) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/json");
		headers.put("Content-Type", "application/json");
		String csrf = csrfToken();
		if (csrf != null) {
			headers.put("X-XSRF-TOKEN", csrf);
		}
		return send("POST", pathOrUrl, headers, (json != null) ? json : "");
	}

	/**
	 * Sends an empty POST with the CSRF token from the {@code XSRF-TOKEN} cookie, as a
	 * page's script would.
	 * @param pathOrUrl a path of the application, or an absolute URL
	 * @param json whether to ask for JSON
	 * @return the response
	 */
	public HttpResponse<String> postWithCsrf(String pathOrUrl, boolean json) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (json) {
			headers.put("Accept", "application/json");
		}
		String token = cookie("XSRF-TOKEN");
		if (token != null) {
			headers.put("X-XSRF-TOKEN", token);
		}
		return send("POST", pathOrUrl, headers, "");
	}

	/**
	 * Sends a form POST, as an HTML form or a provider's form_post page would.
	 * @param pathOrUrl a path of the application, or an absolute URL, without query
	 * @param fields the form fields
	 * @return the response
	 */
	public HttpResponse<String> postForm(String pathOrUrl, Map<String, String> fields) {
		return send("POST", pathOrUrl, Map.of("Content-Type", "application/x-www-form-urlencoded"), form(fields));
	}

	/**
	 * Submits the form of a page that holds the given submit button, with the form's
	 * hidden fields (such as {@code _csrf}), as a click on that button would.
	 * @param pageUrl the page, a path of the application or an absolute URL
	 * @param buttonId the {@code id} of the submit button
	 * @return the answer to the form, not followed
	 */
	public HttpResponse<String> submitForm(String pageUrl, String buttonId) {
		HttpResponse<String> page = get(pageUrl);
		Matcher forms = FORM.matcher(page.body());
		while (forms.find()) {
			if (forms.group(2).contains("id=\"" + buttonId + "\"")) {
				Matcher action = ACTION.matcher(forms.group(1));
				String target = page.uri().resolve(action.find() ? action.group(1) : "").toString();
				Map<String, String> fields = new LinkedHashMap<>();
				Matcher hidden = HIDDEN_INPUT.matcher(forms.group(2));
				while (hidden.find()) {
					fields.put(hidden.group(1), hidden.group(2));
				}
				return postForm(target, fields);
			}
		}
		throw new IllegalStateException("No form with button '" + buttonId + "' at " + page.uri());
	}

	/**
	 * Follows redirects with GETs, as a browser does after a form, until an answer that
	 * is no redirect.
	 * @param response the answer that may be a redirect
	 * @return the last answer
	 * @throws IllegalStateException after ten redirects
	 */
	public HttpResponse<String> followRedirects(HttpResponse<String> response) {
		HttpResponse<String> current = response;
		for (int hop = 0; hop < 10; hop++) {
			if (current.statusCode() / 100 != 3) {
				return current;
			}
			current = get(location(current));
		}
		throw new IllegalStateException("More than ten redirects from " + response.uri());
	}

	/**
	 * Sends any request.
	 * @param method the HTTP method
	 * @param pathOrUrl a path of the application, or an absolute URL
	 * @param headers the request headers
	 * @param body the body, or {@code null} for none
	 * @return the response, not followed if it is a redirect
	 */
	public HttpResponse<String> send(String method, String pathOrUrl, Map<String, String> headers,
			@Nullable String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		String agent = this.userAgent;
		if (agent != null && !headers.containsKey("User-Agent")) {
			request.header("User-Agent", agent);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + pathOrUrl + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Signs a user in through the application's real login flow, hop by hop on the
	 * instance of {@code loginPathOrUrl}, and checks that the application took the
	 * callback.
	 * @param loginPathOrUrl the application's login URL for one provider, such as
	 * {@code /auth/login/corp}
	 * @param username the user at the test provider
	 * @return this browser, now signed in
	 * @throws IllegalStateException naming the hop that went wrong
	 */
	public Browser loginAs(String loginPathOrUrl, String username) {
		String loginUrl = uri(loginPathOrUrl).toString();
		HttpResponse<String> callback = get(authorize(loginUrl, username));
		String landing = (callback.statusCode() == 302) ? location(callback) : null;
		if (landing == null || landing.contains("error")) {
			throw new IllegalStateException("Login of '" + username + "' was refused at the callback "
					+ callback.uri().getPath() + " with " + callback.statusCode() + ": " + abbreviate(callback.body()));
		}
		get(landing);
		return this;
	}

	/**
	 * Walks a whole login: starts it at {@code loginUrl}, signs in at the provider as
	 * {@code username}, and delivers the provider's callback to the instance at
	 * {@code callbackBaseUrl}.
	 * @param loginUrl the app's login URL on the instance that starts the flow
	 * @param username the user at the provider
	 * @param callbackBaseUrl the origin of the instance that receives the callback
	 * @return the app's answer to the callback
	 */
	public HttpResponse<String> login(String loginUrl, String username, String callbackBaseUrl) {
		return get(onInstance(authorize(loginUrl, username), callbackBaseUrl));
	}

	/**
	 * Starts a login and signs in at the provider when asked, but does not deliver the
	 * provider's callback.
	 * @param loginUrl the app's login URL
	 * @param username the user at the provider
	 * @return the callback URL the provider redirected to
	 */
	public String authorize(String loginUrl, String username) {
		return authorize(loginUrl, username, true);
	}

	private String authorize(String loginUrl, String username, boolean mayRetry) {
		HttpResponse<String> start = get(loginUrl);
		expectRedirect(start, "login start");
		HttpResponse<String> authorize = get(location(start));
		expectRedirect(authorize, "authorization request");
		String next = location(authorize);
		if (next.contains("/login") && !next.contains("/oauth2/code/")) {
			HttpResponse<String> signedIn = signInAtProvider(next, username);
			expectRedirect(signedIn, "sign-in at the provider");
			HttpResponse<String> resumed = get(location(signedIn));
			if (mayRetry && resumed.statusCode() == 400 && innerDelimiter(location(authorize))) {
				// Spring Authorization Server's request_uri is <random>___<expiry>; a
				// random
				// part with "___" of its own was refused when the request was resumed
				// after the login form (seen once, in CI): a provider's quirk, not the
				// client's, so the login starts once more
				return authorize(loginUrl, username, false);
			}
			expectRedirect(resumed, "resumed authorization request");
			next = location(resumed);
		}
		return next;
	}

	private static boolean innerDelimiter(String authorizationUrl) {
		String requestUri = queryParameters(authorizationUrl).get("request_uri");
		return requestUri != null && requestUri.indexOf("___") != requestUri.lastIndexOf("___");
	}

	/**
	 * Signs in at the test provider's login form and returns the provider's redirect (not
	 * followed).
	 * @param loginPageUrl the provider's login page
	 * @param username the user
	 * @return the provider's answer, normally a redirect back to its authorization
	 * endpoint
	 * @throws IllegalStateException when the provider has no form or refuses the user
	 */
	public HttpResponse<String> signInAtProvider(String loginPageUrl, String username) {
		HttpResponse<String> page = get(loginPageUrl);
		Matcher csrf = CSRF_FIELD.matcher(page.body());
		if (page.statusCode() != 200 || !csrf.find()) {
			throw new IllegalStateException("No login form at " + loginPageUrl + ": " + page.statusCode());
		}
		HttpResponse<String> signedIn = postForm(loginPageUrl,
				Map.of("username", username, "password", TestOpenIdProvider.PASSWORD, "_csrf", csrf.group(1)));
		if (signedIn.statusCode() == 302 && location(signedIn).contains("error")) {
			throw new IllegalStateException("The provider refused user '" + username + "' (unknown?)");
		}
		return signedIn;
	}

	/**
	 * A {@code RestClient} for the application that shares this browser's cookies and
	 * sends the CSRF header.
	 * @return the client
	 */
	public RestClient restClient() {
		RestClient.Builder builder = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(this.http))
			.requestInterceptor((request, body, execution) -> {
				String csrf = csrfToken();
				if (csrf != null) {
					request.getHeaders().set("X-XSRF-TOKEN", csrf);
				}
				return execution.execute(request, body);
			});
		if (this.baseUrl != null) {
			builder.baseUrl(this.baseUrl);
		}
		return builder.build();
	}

	/**
	 * The value of a cookie the browser holds, by name, for any host.
	 * @param name the cookie name, such as {@code SESSION}
	 * @return the value, or {@code null}
	 */
	public @Nullable String cookie(String name) {
		HttpCookie cookie = cookieNamed(name);
		return (cookie != null) ? cookie.getValue() : null;
	}

	/**
	 * A cookie the browser holds, by name, for any host, with its attributes.
	 * @param name the cookie name
	 * @return the cookie, or {@code null}
	 */
	public @Nullable HttpCookie cookieNamed(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Plants a cookie for a host, as an attacker who fixed it would.
	 * @param host the host, such as {@code 127.0.0.1}
	 * @param name the cookie name
	 * @param value the value
	 */
	public void plantCookie(String host, String name, String value) {
		HttpCookie cookie = new HttpCookie(name, value);
		// the attributes an app's own cookie gets, so a later Set-Cookie replaces it
		cookie.setDomain(host);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create("http://" + host + "/"), cookie);
	}

	/**
	 * Forgets a cookie, as a cross-site request that does not carry it would.
	 * @param name the cookie name
	 */
	public void removeCookie(String name) {
		this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.toList()
			.forEach((cookie) -> this.cookies.getCookieStore().remove(null, cookie));
	}

	/**
	 * Forgets every cookie, as when the browser is closed.
	 */
	public void clearCookies() {
		this.cookies.getCookieStore().removeAll();
	}

	/**
	 * The application's base URL, if this browser has one.
	 * @return the base URL, or {@code null}
	 */
	public @Nullable String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * The media type of a response, without parameters such as the charset.
	 * @param response the response
	 * @return the media type, or {@code null} when there is none
	 */
	public static @Nullable String mediaType(HttpResponse<?> response) {
		return response.headers().firstValue("Content-Type").map((type) -> type.split(";")[0].trim()).orElse(null);
	}

	/**
	 * The absolute target of a redirect.
	 * @param response a redirect
	 * @return the location
	 * @throws IllegalStateException when the response is no redirect
	 */
	public static String location(HttpResponse<?> response) {
		return response.headers()
			.firstValue("Location")
			.map((location) -> response.uri().resolve(location).toString())
			.orElseThrow(() -> new IllegalStateException("not a redirect: " + response.statusCode()));
	}

	/**
	 * The same URL on another origin: the hop a load balancer sends elsewhere.
	 * @param url the URL
	 * @param baseUrl the origin of the instance that should get it
	 * @return the rewritten URL
	 */
	public static String onInstance(String url, String baseUrl) {
		URI uri = URI.create(url);
		String pathAndQuery = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		return baseUrl + pathAndQuery;
	}

	/**
	 * The query parameters of a URL.
	 * @param url the URL
	 * @return the decoded parameters
	 */
	public static Map<String, String> queryParameters(String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.fromUriString(url)
			.build()
			.getQueryParams()
			// a parameter without a value (Spring Security's "continue") reads as ""
			.forEach((name, values) -> parameters.put(name,
					(values.get(0) != null) ? URLDecoder.decode(values.get(0), StandardCharsets.UTF_8) : ""));
		return parameters;
	}

	/**
	 * A URL without its query.
	 * @param url the URL
	 * @return the URL up to the query
	 */
	public static String withoutQuery(String url) {
		int query = url.indexOf('?');
		return (query >= 0) ? url.substring(0, query) : url;
	}

	private @Nullable String csrfToken() {
		if (cookie("XSRF-TOKEN") == null && this.baseUrl != null) {
			get("/");
		}
		return cookie("XSRF-TOKEN");
	}

	private URI uri(String pathOrUrl) {
		if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
			return URI.create(pathOrUrl);
		}
		if (this.baseUrl == null) {
			throw new IllegalArgumentException(
					"'" + pathOrUrl + "' is no absolute URL and this browser has no base URL");
		}
		return URI.create(this.baseUrl + pathOrUrl);
	}

	private static void expectRedirect(HttpResponse<String> response, String hop) {
		if (response.statusCode() != 302) {
			throw new IllegalStateException(hop + " (" + response.request().method() + " " + response.uri()
					+ ") answered " + response.statusCode() + ": " + abbreviate(response.body()));
		}
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String abbreviate(String body) {
		return (body.length() > 700) ? body.substring(0, 700) + "..." : body;
	}

	@Override
	public void close() {
		// nothing to release on Java 17: the client's threads end when it is collected
		this.cookies.getCookieStore().removeAll();
	}

}
