package io.github.authstarter.flow;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestOpenIdProvider.ResponseSigning;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed authorization responses (JARM, {@code response-mode: jwt}) through a real
 * provider on two instances: the login started on one instance lands on the other with
 * only the provider's {@code response} JWT, which is checked before the code is read;
 * broken one way at a time (a plain response, another key, another issuer, another
 * client, expired, unsigned), the callback is a 400 that names the reason, and no session
 * is made.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignedAuthorizationResponseIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.registrationIds("test", "query", "posted")
		.signAuthorizationResponses(ResponseSigning.SIGNED);

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.providers.test.response-mode", "jwt");
		properties.putAll(provider.clientProperties("query"));
		properties.put("auth.providers.query.response-mode", "query.jwt");
		properties.putAll(provider.clientProperties("posted"));
		properties.put("auth.providers.posted.response-mode", "form_post.jwt");
		return properties;
	});

	@AfterEach
	void signAgain() {
		provider.signAuthorizationResponses(ResponseSigning.SIGNED);
	}

	@Test
	void aSignedResponseSignsTheUserInOnAnotherInstance() {
		try (Browser browser = new Browser()) {
			String authorize = Browser.location(browser.get(bed.apps().url(0) + "/auth/login/test"));
			assertThat(provider.authorizationParameters(authorize)).containsEntry("response_mode", "jwt");
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/test", "alice");
			assertThat(callback).contains("?response=").doesNotContain("code=").doesNotContain("state=");
			HttpResponse<String> landed = browser.get(callback.replace(bed.apps().url(0), bed.apps().url(1)));
			assertThat(landed.statusCode()).isEqualTo(302);
			assertThat(Browser.location(landed)).doesNotContain("error");
			HttpResponse<String> user = browser.getJson(bed.apps().url(0) + "/auth/user");
			assertThat(user.statusCode()).isEqualTo(200);
			assertThat(user.body()).contains("\"subject\":\"alice\"");
		}
	}

	@Test
	void queryJwtAsksForTheSameSignedResponseInTheQuery() {
		try (Browser browser = new Browser()) {
			String authorize = Browser.location(browser.get(bed.apps().url(0) + "/auth/login/query"));
			assertThat(provider.authorizationParameters(authorize)).containsEntry("response_mode", "query.jwt");
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/query", "alice");
			assertThat(Browser.queryParameters(callback)).containsOnlyKeys("response");
			HttpResponse<String> landed = browser.get(callback.replace(bed.apps().url(0), bed.apps().url(1)));
			assertThat(Browser.location(landed)).doesNotContain("error");
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").body()).contains("\"subject\":\"alice\"");
		}
	}

	@Test
	void formPostJwtTakesTheSignedResponseFromTheProvidersFormPost() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> start = browser.get(bed.apps().url(0) + "/auth/login/posted");
			assertThat(provider.authorizationParameters(Browser.location(start))).containsEntry("response_mode",
					"form_post.jwt");
			HttpResponse<String> toLogin = browser.get(Browser.location(start));
			HttpResponse<String> signedIn = browser.signInAtProvider(Browser.location(toLogin), "alice");
			// the provider answers with a page whose form posts the response JWT back
			HttpResponse<String> page = browser.get(Browser.location(signedIn));
			assertThat(page.statusCode()).isEqualTo(200);
			Matcher form = Pattern.compile("action=\"([^\"]+)\".*name=\"response\" value=\"([^\"]+)\"")
				.matcher(page.body());
			assertThat(form.find()).as("a form with the response").isTrue();
			assertThat(form.group(1)).endsWith("/login/oauth2/code/posted");
			HttpResponse<String> landed = browser.postForm(form.group(1).replace(bed.apps().url(0), bed.apps().url(1)),
					Map.of("response", form.group(2)));
			assertThat(landed.statusCode()).isEqualTo(302);
			assertThat(Browser.location(landed)).doesNotContain("error");
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").body()).contains("\"subject\":\"alice\"");
		}
	}

	@ParameterizedTest
	@CsvSource({ "PLAIN, no signed response", "FOREIGN_KEY, bad signature", "WRONG_ISSUER, claims iss",
			"WRONG_AUDIENCE, claims aud", "EXPIRED, claims exp", "UNSIGNED, unsigned token" })
	void aResponseBrokenOneWayIsRefusedNamingWhy(ResponseSigning broken, String reason, CapturedOutput output) {
		int mark = output.getAll().length();
		long sessions = bed.sessions().count();
		try (Browser browser = new Browser()) {
			provider.signAuthorizationResponses(broken);
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/test", "alice");
			HttpResponse<String> refused = browser
				.followRedirects(browser.get(callback.replace(bed.apps().url(0), bed.apps().url(1))));
			assertThat(refused.statusCode()).as(broken.name()).isEqualTo(400);
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
		}
		assertThat(bed.sessions().count()).isEqualTo(sessions);
		assertThat(output.getAll().substring(mark))
			.contains("Login failed for provider 'test': invalid_signed_response (" + reason + ")");
	}

	@Test
	void parametersBesideTheSignedResponseAreNotRead() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/test", "alice");
			// an attacker's code and state beside the provider's response: the signed
			// ones
			// count, the others are not read at all
			HttpResponse<String> landed = browser
				.get(callback + "&code=forged&state=forged&iss=https%3A%2F%2Fevil.example");
			assertThat(landed.statusCode()).isEqualTo(302);
			assertThat(Browser.location(landed)).doesNotContain("error");
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aPlainResponseOnAnEncodedCallbackPathIsRefusedToo(CapturedOutput output) {
		int mark = output.getAll().length();
		provider.signAuthorizationResponses(ResponseSigning.PLAIN);
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/test", "alice");
			// the same path to Spring's matcher, another string to a naive one
			String encoded = callback.replace("/login/oauth2/code/test", "/login/oauth2/%63ode/test");
			HttpResponse<String> refused = browser.followRedirects(browser.get(encoded));
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
		}
		assertThat(output.getAll().substring(mark)).contains("invalid_signed_response (no signed response)");
	}

	@Test
	void aCallbackFromABrowserThatStartedNoLoginIsRefusedBeforeItsJwtIsRead(CapturedOutput output) {
		int mark = output.getAll().length();
		int fetches = provider.jwksRequests();
		// a key id the provider never had: reading it would fetch the key set again
		String forged = provider.signWithUnknownKey(Map.of("iss", provider.issuer(), "aud", "x", "code", "c", "state",
				"s", "exp", Instant.now().plusSeconds(60).getEpochSecond()));
		try (Browser anonymous = new Browser()) {
			HttpResponse<String> refused = anonymous
				.followRedirects(anonymous.get(bed.apps().url(0) + "/login/oauth2/code/test?response=" + forged));
			assertThat(refused.statusCode()).isEqualTo(400);
		}
		assertThat(provider.jwksRequests()).isEqualTo(fetches);
		assertThat(output.getAll().substring(mark)).contains("flow_binding_missing");
	}

	@Test
	void aForgedResponseParameterOnAPlainCallbackIsNoShortcut(CapturedOutput output) {
		int mark = output.getAll().length();
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/test", "alice");
			// an attacker's own JWT, unsigned, in place of the provider's
			String forged = callback.substring(0, callback.indexOf("?response=")) + "?response=e30.e30.";
			HttpResponse<String> refused = browser.followRedirects(browser.get(forged));
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(output.getAll().substring(mark)).contains("invalid_signed_response (malformed token)");
		}
	}

}
