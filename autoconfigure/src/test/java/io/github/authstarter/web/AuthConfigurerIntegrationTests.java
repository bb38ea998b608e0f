package io.github.authstarter.web;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.OwnChainApplication;
import io.github.authstarter.testbed.StoredSessions;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both ways of applying the starter, against a real OpenID Provider and Redis: the
 * default filter chain, and an application's own chain with
 * {@code http.with(AuthConfigurer.auth(), ...)}.
 */
class AuthConfigurerIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private static AppInstances ownChain;

	private static AppInstances defaultChain;

	private static StoredSessions sessions;

	@BeforeAll
	static void start() {
		provider.start();
		Map<String, Object> properties = AuthTestBed.inKeySpace(AuthConfigurerIntegrationTests.class,
				provider.appProperties());
		ownChain = AppInstances.start(2, OwnChainApplication.class, properties);
		defaultChain = AppInstances.start(1, TestApplication.class, properties);
		sessions = new StoredSessions("AuthConfigurerIntegrationTests:spring:session");
	}

	@AfterAll
	static void stop() {
		sessions.close();
		ownChain.close();
		defaultChain.close();
		provider.stop();
	}

	@Test
	void ownChainKeepsItsRulesAndGetsTheWholeLogin() {
		try (Browser browser = new Browser()) {
			assertThat(browser.get(ownChain.url(0) + "/public").body()).isEqualTo("public");
			HttpResponse<String> anonymous = browser.get(ownChain.url(0) + "/private");
			assertThat(Browser.location(anonymous)).isEqualTo(ownChain.url(0) + "/auth/login/test?redirect=%2Fprivate");
			HttpResponse<String> callback = browser.login(Browser.location(anonymous), "alice", ownChain.url(1));
			assertThat(Browser.location(callback)).isEqualTo(ownChain.url(1) + "/private");
			assertThat(browser.get(ownChain.url(0) + "/private").body()).isEqualTo("private alice");
			assertCsrfTokenInAReadableCookieOnly(browser);
		}
	}

	@Test
	void ownAccessDeniedHandlerWinsOverTheStartersDefault() {
		try (Browser browser = new Browser()) {
			browser.login(ownChain.url(0) + "/auth/login/test", "alice", ownChain.url(0));
			HttpResponse<String> admin = browser.get(ownChain.url(0) + "/admin");
			assertThat(admin.statusCode()).isEqualTo(403);
			assertThat(admin.body()).isEqualTo("app denied");
		}
	}

	@Test
	void ownErrorResponderWritesTheErrors() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> unknown = browser.get(ownChain.url(0) + "/auth/login/nope");
			assertThat(unknown.statusCode()).isEqualTo(404);
			assertThat(unknown.body()).isEqualTo("custom unknown_provider for nope");
			HttpResponse<String> badCallback = browser.get(ownChain.url(0) + "/login/oauth2/code/test?code=x&state=y");
			assertThat(badCallback.statusCode()).isEqualTo(400);
			assertThat(badCallback.body()).isEqualTo("custom state_unknown for test");
		}
	}

	@Test
	void defaultChainSetsSafeCookies() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> start = browser.get(defaultChain.url(0) + "/auth/login/test");
			String flowCookie = setCookie(start, "AUTH_FLOW");
			assertThat(flowCookie).startsWith("AUTH_FLOW=")
				.contains("HttpOnly")
				.contains("SameSite=Lax")
				.contains("Path=/");
			String callback = browser.authorize(defaultChain.url(0) + "/auth/login/test", "bob");
			HttpResponse<String> answer = browser.get(callback);
			String sessionCookie = setCookie(answer, "SESSION");
			assertThat(sessionCookie).contains("HttpOnly").contains("SameSite=Lax");
			browser.get(defaultChain.url(0) + "/hello");
			assertCsrfTokenInAReadableCookieOnly(browser);
		}
	}

	/**
	 * The CSRF token is in a cookie JavaScript can read (not HttpOnly), and nowhere in
	 * the session in Redis.
	 */
	private static void assertCsrfTokenInAReadableCookieOnly(Browser browser) {
		HttpCookie csrf = browser.cookieNamed("XSRF-TOKEN");
		assertThat(csrf).as("XSRF-TOKEN cookie").isNotNull();
		assertThat(csrf.isHttpOnly()).as("CSRF token readable by JavaScript").isFalse();
		Map<String, String> session = sessions.hash(browser);
		assertThat(session).as("a signed-in session in Redis").containsKey("sessionAttr:AUTH_USER");
		assertThat(session.keySet()).as("CSRF token kept out of the session")
			.noneMatch((name) -> name.toLowerCase(Locale.ROOT).contains("csrf"));
		assertThat(session.values()).as("CSRF token kept out of the session")
			.noneMatch((value) -> value.contains(csrf.getValue()));
	}

	private static String setCookie(HttpResponse<String> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((header) -> header.startsWith(name + "="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " cookie set"));
	}

}
