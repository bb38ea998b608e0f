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
 * What a single-page app sees on two instances: API paths ({@code auth.web.api-paths})
 * answer JSON 401 with the login URL and JSON 403, never a redirect, whatever the browser
 * accepts; pages still send the browser to the provider; {@code /auth/user} says when the
 * session and the access token end and where to log out.
 */
class SinglePageAppIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).properties(SinglePageAppIntegrationTests::appProperties);

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.web.api-paths", "/api/**,/hello/api");
		return properties;
	}

	@Test
	void anApiPathAnswers401WithTheLoginUrlInsteadOfARedirect() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> api = browser.get(bed.apps().url(0) + "/api/name");
			assertThat(api.statusCode()).isEqualTo(401);
			assertThat(Browser.mediaType(api)).isEqualTo("application/problem+json");
			assertThat(api.headers().firstValue("Cache-Control")).hasValue("no-store");
			// an RFC 9457 problem with the starter's own members
			assertThat(api.body()).contains("\"type\":\"about:blank\"")
				.contains("\"status\":401")
				.contains("\"detail\":\"Sign in first.\"")
				.contains("\"error\":\"unauthenticated\"")
				.contains("\"authenticated\":false")
				.contains("\"loginUrl\":\"/auth/login/test\"");
			HttpResponse<String> user = browser.get(bed.apps().url(1) + "/auth/user");
			assertThat(user.statusCode()).isEqualTo(401);
			assertThat(user.body()).contains("\"loginUrl\":\"/auth/login/test\"");
		}
	}

	@Test
	void aPageStillSendsTheBrowserToTheProviderUnlessAScriptAsks() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> page = browser.get(bed.apps().url(0) + "/hello");
			assertThat(page.statusCode()).isEqualTo(302);
			assertThat(Browser.location(page)).contains("/auth/login/test");
			HttpResponse<String> xhr = browser.send("GET", bed.apps().url(0) + "/hello",
					Map.of("X-Requested-With", "XMLHttpRequest"), null);
			assertThat(xhr.statusCode()).isEqualTo(401);
			assertThat(Browser.mediaType(xhr)).isEqualTo("application/problem+json");
		}
	}

	@Test
	void aForbiddenApiCallAnswersJsonEvenToABrowser() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(1));
			HttpResponse<String> denied = browser.get(bed.apps().url(1) + "/api/admin");
			assertThat(denied.statusCode()).isEqualTo(403);
			assertThat(Browser.mediaType(denied)).isEqualTo("application/problem+json");
			assertThat(denied.body()).contains("\"error\":\"access_denied\"");
		}
	}

	@Test
	void theUserEndpointSaysWhenTheSessionEndsAndWhereToLogOut() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			HttpResponse<String> user = browser.getJson(bed.apps().url(0) + "/auth/user");
			assertThat(user.statusCode()).isEqualTo(200);
			assertThat(user.headers().firstValue("Cache-Control")).hasValue("no-store");
			assertThat(user.body()).contains("\"sessionExpiresAt\":")
				.contains("\"accessTokenExpiresAt\":")
				.contains("\"logoutUrl\":\"/auth/logout\"")
				.contains("\"authorities\":[");
		}
	}

}
