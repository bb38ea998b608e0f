package io.github.authstarter.flow;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-login parameters on a real login start: the allowed ones reach the provider, the
 * others do not, protocol parameters can never be overridden, and bad values get a clear
 * 400 naming the parameter.
 */
class LoginParametersIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(1);

	@Test
	void allowedParametersReachTheProviderAndOthersDoNot() {
		Map<String, String> authorize = authorize("?login_hint=" + enc("alice@example.com") + "&ui_locales="
				+ enc("de-CH en") + "&prompt=login&domain_hint=contoso.com");
		assertThat(authorize).containsEntry("login_hint", "alice@example.com")
			.containsEntry("ui_locales", "de-CH en")
			.containsEntry("prompt", "login")
			.doesNotContainKey("domain_hint");
	}

	@Test
	void protocolParametersCannotBeOverridden() {
		Map<String, String> authorize = authorize(
				"?state=forged&nonce=forged&redirect_uri=" + enc("https://evil.example/")
						+ "&scope=admin&client_id=other&response_type=token&code_challenge=forged");
		assertThat(authorize.get("state")).isNotEqualTo("forged");
		assertThat(authorize.get("nonce")).isNotEqualTo("forged");
		assertThat(authorize.get("redirect_uri")).startsWith(bed.apps().url(0));
		assertThat(authorize.get("scope")).isEqualTo("openid profile email");
		assertThat(authorize.get("client_id")).isEqualTo(provider.clientId());
		assertThat(authorize.get("response_type")).isEqualTo("code");
		assertThat(authorize.get("code_challenge")).isNotEqualTo("forged");
	}

	@Test
	void badValuesAreRefusedNamingTheParameter() {
		assertRefused("?prompt=" + enc("login none"), "prompt");
		assertRefused("?prompt=evil", "prompt");
		assertRefused("?ui_locales=" + enc("de<script>"), "ui_locales");
		assertRefused("?login_hint=" + "a".repeat(300), "login_hint");
		assertRefused("?login_hint=" + enc("alice\r\nINFO forged"), "login_hint");
	}

	private static void assertRefused(String query, String parameter) {
		try (Browser browser = new Browser()) {
			HttpResponse<String> answer = browser.getJson(bed.apps().url(0) + "/auth/login/test" + query);
			assertThat(answer.statusCode()).as(query).isEqualTo(400);
			assertThat(answer.body()).contains("\"error\":\"invalid_login_parameter\"").contains("'" + parameter + "'");
		}
	}

	private static Map<String, String> authorize(String query) {
		try (Browser browser = new Browser()) {
			HttpResponse<String> start = browser.get(bed.apps().url(0) + "/auth/login/test" + query);
			assertThat(start.statusCode()).isEqualTo(302);
			// as the provider received them: pushed first where it offers PAR
			return provider.authorizationParameters(Browser.location(start));
		}
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
