package com.example.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample in demo mode, started as its run command starts it (with free ports): a real
 * embedded Redis and OpenID Provider, and a sign-in through the provider's login form.
 */
class SampleApplicationIntegrationTests {

	private static ConfigurableApplicationContext app;

	private static String url;

	@BeforeAll
	static void start() {
		app = TestSampleApplication.demo()
			.run("--server.port=0", "--server.address=127.0.0.1", "--demo.apis-port=" + FreePorts.find())
			.getApplicationContext();
		url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void startPageOffersTheDemoProvider() {
		try (Browser browser = new Browser()) {
			String page = browser.get(url + "/").body();
			assertThat(page).contains("Sign in with Demo provider").contains("href=\"/auth/login/demo\"");
		}
	}

	@Test
	void signInShowsTheCardAndSignOutEndsTheSession() throws Exception {
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(url + "/auth/login/demo", "alice", url);
			assertThat(Browser.location(callback)).isEqualTo(url + "/");
			String card = browser.get(url + "/").body();
			assertThat(card).contains("Alice Demo").contains("alice@example.com").contains("id=\"expires\"");
			browser.followRedirects(browser.submitForm(url + "/", "sign-out"));
			assertThat(browser.get(url + "/").body()).contains("Sign in with Demo provider")
				.doesNotContain("Alice Demo");
		}
	}

	@Test
	void jsonApiUsesCurrentUserAndCallsTheProviderWithTheUsersToken() {
		try (Browser browser = new Browser()) {
			browser.login(url + "/auth/login/demo", "bob", url);
			assertThat(browser.getJson(url + "/api/me").body()).contains("\"name\":\"Bob Demo\"")
				.contains("\"provider\":\"demo\"");
			assertThat(browser.getJson(url + "/api/userinfo").body()).contains("\"sub\":\"bob\"");
			assertThat(browser.getJson(url + "/auth/user").body()).contains("\"email\":\"bob@example.com\"");
		}
	}

	@Test
	void twoApisAreCalledWithTwoTokensFromOneSignIn() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(url + "/auth/login/demo", "alice", url);
			HttpResponse<String> answer = browser.getJson(url + "/api/downstream");
			assertThat(answer.statusCode()).isEqualTo(200);
			Map<String, Object> apis = JSONObjectUtils.parse(answer.body());
			Map<?, ?> orders = (Map<?, ?>) apis.get("orders");
			Map<?, ?> reports = (Map<?, ?>) apis.get("reports");
			assertThat(orders.get("audience")).isEqualTo(List.of("orders-api"));
			assertThat(reports.get("audience")).isEqualTo(List.of("reports-api"));
			assertThat(orders.get("subject")).isEqualTo("alice");
			assertThat(orders.get("tokenEnds")).isNotEqualTo(reports.get("tokenEnds"));
		}
	}

	@Test
	void protectedPagesSendBrowsersToTheDemoLogin() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> anonymous = browser.get(url + "/anything");
			assertThat(Browser.location(anonymous)).isEqualTo(url + "/auth/login/demo?redirect=%2Fanything");
			assertThat(List.of(401)).contains(browser.getJson(url + "/anything").statusCode());
		}
	}

}
