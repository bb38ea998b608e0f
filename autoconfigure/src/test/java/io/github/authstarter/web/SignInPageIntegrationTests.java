package io.github.authstarter.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's sign-in page with two providers: pages send the browser there (keeping
 * where it was going), the page offers both providers, and either completes the login on
 * another instance and lands where the user was going. Also under a servlet context path,
 * and replaced by a page of the application.
 */
class SignInPageIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create().registrationIds("test", "other");

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).properties(() -> properties(Map.of()));

	private static AppInstances underContextPath;

	private static AppInstances withOwnPage;

	@BeforeAll
	static void startVariants() {
		// its redirect URI under /app is not registered at the test provider, which
		// checks
		// it at the push (RFC 9126) where it would not look before the browser came
		underContextPath = AppInstances.start(1, TestApplication.class,
				properties(Map.of("server.servlet.context-path", "/app", "auth.web.pages.app-name", "Acme <Portal>",
						"auth.web.pages.logo", "/img/acme.svg", "spring.messages.basename", "test-messages",
						"auth.logout.success-path", "/auth/logged-out", "auth.providers.other.par", "off",
						"auth.providers.test.par", "off")));
		withOwnPage = AppInstances.start(1, TestApplication.class,
				properties(Map.of("auth.web.login-page", "/my-sign-in", "auth.web.pages.error-page", "/own-error",
						"auth.web.pages.sign-out-page", "/own-sign-out")));
	}

	@AfterAll
	static void stopVariants() {
		underContextPath.close();
		withOwnPage.close();
	}

	private static Map<String, Object> properties(Map<String, Object> more) {
		Map<String, Object> properties = provider.appProperties();
		properties.putAll(provider.clientProperties("other"));
		properties.put("auth.providers.other.display-name", "Other <Corp>");
		properties.put("auth.providers.other.logo", "/img/other.svg");
		properties.putAll(more);
		return properties;
	}

	@Test
	void everyPageHasTheOneLayoutWithNothingInlineAndItsStylesheetIsCachedForEver() {
		for (AppInstances apps : List.of(bed.apps(), underContextPath)) {
			String base = apps.url(0) + ((apps == underContextPath) ? "/app" : "");
			try (Browser browser = new Browser()) {
				for (String path : List.of("/auth/login", "/auth/login/no-such-provider", "/auth/logout")) {
					HttpResponse<String> page = browser.get(base + path);
					assertThat(page.headers().firstValue("Content-Type"))
						.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
					assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
							(policy) -> assertThat(policy).startsWith("default-src 'none'; style-src 'self'"));
					assertThat(page.body()).as(path)
						.contains("<html lang=\"en\">", "name=\"viewport\"", "<main>")
						.doesNotContain("<script", " style=", "<style");
					Matcher link = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\">").matcher(page.body());
					assertThat(link.find()).as("%s links the stylesheet", path).isTrue();
					HttpResponse<String> css = browser.get(apps.url(0) + link.group(1));
					assertThat(css.statusCode()).isEqualTo(200);
					assertThat(css.headers().firstValue("Content-Type"))
						.hasValueSatisfying((type) -> assertThat(type).startsWith("text/css"));
					assertThat(css.headers().firstValue("Cache-Control"))
						.hasValue("public, max-age=31536000, immutable");
					assertThat(css.body()).contains("prefers-color-scheme: dark", ":focus-visible");
					if (apps == underContextPath && path.equals("/auth/login")) {
						// the application's own text for the title
						// (test-messages.properties)
						assertThat(page.body()).contains("<title>Welcome to Acme &lt;Portal&gt;</title>",
								"<h1>Welcome to Acme &lt;Portal&gt;</h1>",
								"<img class=\"app-logo\" src=\"/app/img/acme.svg\" alt=\"\">");
					}
					assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
							(policy) -> assertThat(policy).contains("img-src 'self' https:", "frame-ancestors 'none'"));
				}
				// another version's stylesheet (a rolling deploy) is no login and never
				// cached
				try (Browser fresh = new Browser()) {
					HttpResponse<String> old = fresh.get(base + "/auth/login/assets/auth-0000000000000000.css");
					assertThat(old.statusCode()).isEqualTo(404);
					assertThat(old.headers().firstValue("Cache-Control")).hasValue("no-store");
					assertThat(fresh.cookie("AUTH_FLOW")).isNull();
				}
			}
		}
	}

	@Test
	void aPageSendsTheBrowserToTheSignInPageWhichOffersEveryProvider() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> page = browser.get(bed.apps().url(0) + "/hello");
			assertThat(page.statusCode()).isEqualTo(302);
			assertThat(Browser.location(page)).isEqualTo(bed.apps().url(0) + "/auth/login?redirect=%2Fhello");
			HttpResponse<String> signIn = browser.get(Browser.location(page));
			assertThat(signIn.statusCode()).isEqualTo(200);
			assertThat(signIn.body()).contains("href=\"/auth/login/test?redirect=%2Fhello\"")
				.contains("href=\"/auth/login/other?redirect=%2Fhello\"")
				.contains("Sign in with Other &lt;Corp&gt;")
				.contains("<img class=\"logo\" src=\"/img/other.svg\" alt=\"\" width=\"20\" height=\"20\">");
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/other?redirect=%2Fhello",
					"alice", bed.apps().url(1));
			assertThat(Browser.location(callback)).isEqualTo(bed.apps().url(1) + "/hello");
			assertThat(browser.get(bed.apps().url(0) + "/hello").body()).isEqualTo("hello alice");
		}
	}

	@Test
	void anUnsafeTargetIsNotPassedOnAndAnApiGetsThePageAsLoginUrl() {
		try (Browser browser = new Browser()) {
			assertThat(browser.get(bed.apps().url(1) + "/auth/login?redirect=https://evil.example/").body())
				.contains("href=\"/auth/login/test\"")
				.doesNotContain("evil");
			assertThat(browser.get(bed.apps().url(1) + "/api/name").body()).contains("\"loginUrl\":\"/auth/login\"");
		}
	}

	@Test
	void underAContextPathEveryLinkKeepsIt() {
		String app = underContextPath.url(0) + "/app";
		try (Browser browser = new Browser()) {
			HttpResponse<String> page = browser.get(app + "/hello");
			assertThat(Browser.location(page)).isEqualTo(app + "/auth/login?redirect=%2Fhello");
			assertThat(browser.get(app + "/auth/login").body()).contains("href=\"/app/auth/login/test\"")
				.contains("href=\"/app/auth/login/other\"")
				.contains("src=\"/app/img/other.svg\"");
			assertThat(browser.get(app + "/api/name").body()).contains("\"loginUrl\":\"/app/auth/login\"");
			HttpResponse<String> start = browser.get(app + "/auth/login/other");
			assertThat(start.statusCode()).isEqualTo(302);
			assertThat(Browser.location(start)).startsWith(provider.issuer());
		}
	}

	@Test
	void anApplicationsOwnSignInPageReplacesTheStartersOne() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> page = browser.get(withOwnPage.url(0) + "/hello");
			assertThat(Browser.location(page)).isEqualTo(withOwnPage.url(0) + "/my-sign-in?redirect=%2Fhello");
			HttpResponse<String> starters = browser.get(withOwnPage.url(0) + "/auth/login");
			// not served at all, rather than a page that merely lacks the list
			assertThat(starters.statusCode()).isEqualTo(404);
			assertThat(starters.body()).doesNotContain("id=\"providers\"");
			assertThat(browser.get(withOwnPage.url(0) + "/api/name").body()).contains("\"loginUrl\":\"/my-sign-in\"");
		}
	}

	@Test
	void everyPageSpeaksTheBrowsersLanguageAndTheApplicationsOwnTextsWin() {
		Map<String, String> german = Map.of("Accept-Language", "pt-BR, de-CH;q=0.8, en;q=0.5");
		try (Browser browser = new Browser()) {
			HttpResponse<String> signIn = browser.send("GET", bed.apps().url(0) + "/auth/login", german, null);
			assertThat(signIn.body()).contains("<html lang=\"de\">", "<title>Anmelden</title>",
					"Mit Other &lt;Corp&gt; anmelden");
			assertThat(signIn.headers().firstValue("Content-Language")).hasValue("de");
			HttpResponse<String> problem = browser.send("GET",
					bed.apps().url(0) + "/login/oauth2/code/test?code=c&state=unknown", german, null);
			assertThat(problem.statusCode()).isEqualTo(400);
			assertThat(problem.body()).contains("<h1>Problem bei der Anmeldung</h1>",
					"Diese Anmeldung ist abgelaufen oder wurde bereits verwendet.");
			// the code stays the same in every language
			HttpResponse<String> json = browser.send("GET",
					bed.apps().url(0) + "/login/oauth2/code/test?code=c&state=unknown",
					Map.of("Accept-Language", "ja", "Accept", "application/json"), null);
			assertThat(json.body()).contains("\"error\":\"state_unknown\"", "このログインは期限切れか");
			HttpResponse<String> signOut = browser.send("GET", bed.apps().url(0) + "/auth/logout",
					Map.of("Accept-Language", "fr"), null);
			assertThat(signOut.body()).contains("<html lang=\"fr\">", "<h1>Se déconnecter ?</h1>");
			HttpResponse<String> own = browser.send("GET", underContextPath.url(0) + "/app/auth/login", german, null);
			assertThat(own.body()).contains("<h1>Willkommen bei Acme &lt;Portal&gt;</h1>", "Mit Test anmelden");
			HttpResponse<String> unknown = browser.send("GET", bed.apps().url(0) + "/auth/login",
					Map.of("Accept-Language", "x-klingon, i-default, " + "zz, ".repeat(7) + "de"), null);
			assertThat(unknown.body()).contains("<html lang=\"en\">");
		}
	}

	@Test
	void moreLanguagesThanTomcatCountsAnswerThePagesNotA500() {
		Map<String, String> many = Map.of("Accept-Language", "x-a, x-b, ".repeat(10) + "de");
		try (Browser browser = new Browser()) {
			// the starter's page, and the application's page behind Spring's own filters
			HttpResponse<String> signIn = browser.send("GET", bed.apps().url(0) + "/auth/login", many, null);
			assertThat(signIn.statusCode()).isEqualTo(200);
			assertThat(signIn.body()).contains("<html lang=\"en\">");
			assertThat(browser.send("GET", bed.apps().url(0) + "/hello", many, null).statusCode()).isEqualTo(302);
			// Tomcat also counts languages split by spaces, and over every line of the
			// header
			Map<String, String> spaced = Map.of("Accept-Language", "en fr de it es pt nl sv da fi pl");
			assertThat(browser.send("GET", bed.apps().url(0) + "/auth/login", spaced, null).statusCode())
				.isEqualTo(200);
			// an error dispatch, which Spring's RequestContextFilter sees again
			HttpResponse<String> missing = browser.send("GET", bed.apps().url(0) + "/auth/login/assets/missing.css",
					many, null);
			assertThat(missing.statusCode()).isEqualTo(404);
			browser.loginAs(bed.apps().url(0) + "/auth/login/test", "alice");
			HttpResponse<String> notFound = browser.send("GET", bed.apps().url(0) + "/no-such-page",
					Map.of("Accept-Language", "x-a, x-b, ".repeat(10) + "de", "Accept", "application/json"), null);
			assertThat(notFound.statusCode()).isEqualTo(404);
			assertThat(notFound.body()).contains("\"status\":404");
		}
	}

	@Test
	void theProviderThisBrowserUsedLastIsListedFirst() {
		try (Browser browser = new Browser()) {
			String page = browser.get(bed.apps().url(0) + "/auth/login").body();
			assertThat(page).doesNotContain("Last used");
			// the one listed second, so moving it first shows
			String second = (page.indexOf("id=\"provider-test\"") < page.indexOf("id=\"provider-other\"")) ? "other"
					: "test";
			String first = second.equals("other") ? "test" : "other";
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/" + second, "alice",
					bed.apps().url(1));
			assertThat(callback.headers().allValues("Set-Cookie"))
				.anySatisfy((cookie) -> assertThat(cookie).startsWith(LastUsedProvider.COOKIE + "=" + second + ";")
					.contains("Path=/auth/login", "Max-Age=31536000", "HttpOnly", "SameSite=Lax")
					.doesNotContain("Secure"));
			assertThat(browser.cookieNamed(LastUsedProvider.COOKIE)).satisfies((cookie) -> {
				assertThat(cookie.getValue()).isEqualTo(second);
				assertThat(cookie.getPath()).isEqualTo("/auth/login");
				assertThat(cookie.isHttpOnly()).isTrue();
			});
			page = browser.get(bed.apps().url(0) + "/auth/login").body();
			assertThat(page.indexOf("id=\"provider-" + second + "\""))
				.isLessThan(page.indexOf("id=\"provider-" + first + "\""));
			assertThat(page).contains("<span class=\"last-used\">Last used</span>");
		}
		// a provider that is not configured (any more) changes nothing
		try (Browser browser = new Browser()) {
			browser.plantCookie("127.0.0.1", LastUsedProvider.COOKIE, "gone");
			String page = browser.get(bed.apps().url(0) + "/auth/login").body();
			assertThat(page).doesNotContain("gone").doesNotContain("Last used");
		}
	}

	@Test
	void theApplicationsOwnErrorAndSignOutPagesReplaceTheStartersOnes() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> problem = browser.send("GET",
					withOwnPage.url(0) + "/login/oauth2/code/test?code=c&state=unknown",
					Map.of("Accept-Language", "de"), null);
			assertThat(problem.statusCode()).isEqualTo(400);
			assertThat(problem.body()).isEqualTo(
					"own error page: state_unknown: Diese Anmeldung ist abgelaufen oder wurde bereits verwendet. "
							+ "Bitte melden Sie sich erneut an.");
			HttpResponse<String> json = browser.getJson(withOwnPage.url(0) + "/login/oauth2/code/test?code=c&state=x");
			assertThat(json.body()).contains("\"error\":\"state_unknown\"");
			HttpResponse<String> signOut = browser.get(withOwnPage.url(0) + "/auth/logout");
			assertThat(signOut.statusCode()).isEqualTo(200);
			assertThat(signOut.body()).isEqualTo("own sign-out page, token true");
		}
	}

	@Test
	void theStartersSignedOutPageWhenTheSuccessPathIsTheReturnPath() {
		String app = underContextPath.url(0) + "/app";
		try (Browser browser = new Browser()) {
			for (String query : new String[] { "", "?state=unknown" }) {
				HttpResponse<String> out = browser.send("GET", app + "/auth/logged-out" + query,
						Map.of("Accept-Language", "es"), null);
				assertThat(out.statusCode()).isEqualTo(200);
				assertThat(out.body()).contains("<h1>Ha cerrado la sesión</h1>", "href=\"/app/\"");
			}
		}
	}

}
