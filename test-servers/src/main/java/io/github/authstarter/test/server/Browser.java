package io.github.authstarter.test.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;

import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

/**
 * A browser (HtmlUnit, with its cookie jar) that does not follow redirects by itself, so
 * a test sends each hop to the app instance it chooses, as a load balancer without sticky
 * sessions might.
 */
public final class Browser implements AutoCloseable {

	private final WebClient client = new WebClient();

	public Browser() {
		this.client.getOptions().setRedirectEnabled(false);
		this.client.getOptions().setThrowExceptionOnFailingStatusCode(false);
		this.client.getOptions().setJavaScriptEnabled(false);
		this.client.getOptions().setCssEnabled(false);
		this.client.getOptions().setPrintContentOnFailingStatusCode(false);
	}

	/**
	 * Sends a GET.
	 * @param url the URL
	 * @return the response, not followed if it is a redirect
	 */
	public WebResponse get(String url) {
		return send(new WebRequest(toUrl(url), HttpMethod.GET)).getWebResponse();
	}

	/**
	 * Sends a GET asking for JSON.
	 * @param url the URL
	 * @return the response
	 */
	public WebResponse getJson(String url) {
		WebRequest request = new WebRequest(toUrl(url), HttpMethod.GET);
		request.setAdditionalHeader("Accept", "application/json");
		return send(request).getWebResponse();
	}

	/**
	 * Signs in at the test provider's login form, starting from its login page URL, and
	 * returns the provider's redirect back to the app (not followed).
	 * @param loginPageUrl the provider's login page
	 * @param username the user
	 * @return the provider's response after sign-in, normally a redirect to the
	 * provider's authorization endpoint
	 */
	public WebResponse signInAtProvider(String loginPageUrl, String username) {
		Page page = send(new WebRequest(toUrl(loginPageUrl), HttpMethod.GET));
		if (!(page instanceof HtmlPage html)) {
			throw new IllegalStateException(
					"no login form at " + loginPageUrl + ": " + page.getWebResponse().getStatusCode());
		}
		HtmlForm form = html.getForms().get(0);
		form.getInputByName("username").setValue(username);
		form.getInputByName("password").setValue(TestOpenIdProvider.PASSWORD);
		try {
			return form.getOneHtmlElementByAttribute("button", "type", "submit").click().getWebResponse();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
	public WebResponse login(String loginUrl, String username, String callbackBaseUrl) {
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
		WebResponse start = get(loginUrl);
		expectRedirect(start, "login start");
		WebResponse authorize = get(location(start));
		expectRedirect(authorize, "authorization request");
		String next = location(authorize);
		if (next.contains("/login") && !next.contains("/oauth2/code/")) {
			WebResponse signedIn = signInAtProvider(next, username);
			expectRedirect(signedIn, "sign-in at the provider");
			WebResponse resumed = get(location(signedIn));
			expectRedirect(resumed, "resumed authorization request");
			next = location(resumed);
		}
		return next;
	}

	/**
	 * Sends a POST with the CSRF token from the {@code XSRF-TOKEN} cookie, as a page's
	 * JavaScript would.
	 * @param url the URL
	 * @param json whether to ask for JSON
	 * @return the response
	 */
	public WebResponse postWithCsrf(String url, boolean json) {
		WebRequest request = new WebRequest(toUrl(url), HttpMethod.POST);
		if (json) {
			request.setAdditionalHeader("Accept", "application/json");
		}
		String token = cookie("XSRF-TOKEN");
		if (token != null) {
			request.setAdditionalHeader("X-XSRF-TOKEN", token);
		}
		return send(request).getWebResponse();
	}

	/**
	 * Sends a form POST, as a provider's form_post page would.
	 * @param url the URL, without query
	 * @param parameters the form fields
	 * @return the response
	 */
	public WebResponse postForm(String url, java.util.Map<String, String> parameters) {
		WebRequest request = new WebRequest(toUrl(url), HttpMethod.POST);
		request.setRequestParameters(parameters.entrySet()
			.stream()
			.map((entry) -> (org.htmlunit.util.NameValuePair) new org.htmlunit.util.NameValuePair(entry.getKey(),
					entry.getValue()))
			.toList());
		return send(request).getWebResponse();
	}

	/**
	 * The value of a cookie the browser holds, by name.
	 * @param name the cookie name
	 * @return the value, or {@code null}
	 */
	public String cookie(String name) {
		return this.client.getCookieManager()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(org.htmlunit.util.Cookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Plants a cookie for the app's host, as an attacker who fixed it would.
	 * @param name the cookie name
	 * @param value the value
	 */
	public void plantCookie(String name, String value) {
		this.client.getCookieManager()
			.addCookie(new org.htmlunit.util.Cookie("127.0.0.1", name, value, "/", null, false, true));
	}

	/**
	 * Forgets a cookie, as a cross-site request that does not carry it would.
	 * @param name the cookie name
	 */
	public void removeCookie(String name) {
		new java.util.ArrayList<>(this.client.getCookieManager().getCookies()).stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.forEach(this.client.getCookieManager()::removeCookie);
	}

	/**
	 * The query parameters of a URL.
	 * @param url the URL
	 * @return the decoded parameters
	 */
	public static java.util.Map<String, String> queryParameters(String url) {
		java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();
		org.springframework.web.util.UriComponentsBuilder.fromUriString(url)
			.build()
			.getQueryParams()
			.forEach((name, values) -> parameters.put(name,
					java.net.URLDecoder.decode(values.get(0), java.nio.charset.StandardCharsets.UTF_8)));
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

	private static void expectRedirect(WebResponse response, String hop) {
		if (response.getStatusCode() != 302) {
			throw new IllegalStateException(
					hop + " answered " + response.getStatusCode() + ": " + response.getContentAsString());
		}
	}

	/**
	 * The absolute target of a redirect, optionally moved to another app instance.
	 * @param response a redirect
	 * @return the location
	 */
	public static String location(WebResponse response) {
		String location = response.getResponseHeaderValue("Location");
		if (location == null) {
			throw new IllegalStateException("not a redirect: " + response.getStatusCode());
		}
		return response.getWebRequest().getUrl().toString().isEmpty() ? location
				: URI.create(response.getWebRequest().getUrl().toString()).resolve(location).toString();
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

	public WebClient client() {
		return this.client;
	}

	private Page send(WebRequest request) {
		try {
			return this.client.getPage(request);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static URL toUrl(String url) {
		try {
			return URI.create(url).toURL();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.client.close();
	}

}
