package io.github.authstarter.web;

import java.net.http.HttpResponse;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auth.web.csrf-cookie-name} against a real provider and Redis: the token travels
 * in the cookie of that name, the header a script sends it back in is still
 * {@code X-XSRF-TOKEN} and still checked, and a refusal names the configured cookie.
 */
class CsrfCookieNameIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(1).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.web.csrf-cookie-name", "APP-CSRF");
		return properties;
	});

	@Test
	void theConfiguredCookieCarriesTheTokenAndTheHeaderIsStillChecked() {
		provider.addUser("cora", Map.of("name", "Cora Example"));
		String app = bed.apps().url(0);
		try (Browser browser = new Browser()) {
			browser.login(app + "/auth/login/test", "cora", app);
			assertThat(browser.get(app + "/api/name").body()).isEqualTo("Cora Example");
			String token = browser.cookie("APP-CSRF");
			assertThat(token).as("the configured cookie").isNotBlank();
			assertThat(browser.cookie("XSRF-TOKEN")).as("the default cookie").isNull();
			assertThat(browser.cookieNamed("APP-CSRF").isHttpOnly()).as("readable by JavaScript").isFalse();
			HttpResponse<String> without = browser.send("POST", app + "/auth/refresh",
					Map.of("Accept", "application/json"), "");
			assertThat(without.statusCode()).isEqualTo(403);
			assertThat(without.body()).contains("\"error\":\"csrf_invalid\"").contains("APP-CSRF");
			HttpResponse<String> forged = browser.send("POST", app + "/auth/refresh",
					Map.of("Accept", "application/json", "X-XSRF-TOKEN", "forged"), "");
			assertThat(forged.statusCode()).isEqualTo(403);
			HttpResponse<String> sent = browser.send("POST", app + "/auth/refresh",
					Map.of("Accept", "application/json", "X-XSRF-TOKEN", token), "");
			assertThat(sent.statusCode()).isEqualTo(200);
			assertThat(sent.body()).contains("\"authenticated\":true");
		}
	}

}
