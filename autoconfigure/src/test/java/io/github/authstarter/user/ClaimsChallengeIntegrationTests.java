package io.github.authstarter.user;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.LocalHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API that asks for more than the user's sign-in gave, through a real provider on two
 * instances and an API that verifies every token it gets: a stronger authentication (RFC
 * 9470) or claims (Entra's claims challenge) becomes a step-up that the provider answers,
 * and the user lands back on the page that called the API, which now works. A challenge
 * the starter cannot read, or one the last login already answered, reaches the
 * application as the API's {@code 401}, so that nobody is sent round for ever.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClaimsChallengeIntegrationTests {

	/** What Entra asks for when a token lacks an authentication context (acrs c1). */
	private static final String CLAIMS = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private static final HttpServer api = LocalHttpServer.start(ClaimsChallengeIntegrationTests::answer);

	private static final String API = "http://127.0.0.1:" + api.getAddress().getPort();

	private static volatile JwtDecoder tokens;

	static {
		provider.addUser("ivy", Map.of("name", "Ivy Example"));
		provider.addUser("jay", Map.of("name", "Jay Example"));
		provider.addUser("kim", Map.of("name", "Kim Example"));
		provider.addUser("lou", Map.of("name", "Lou Example"));
	}

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		// one API with the sign-in's token, whose paths ask for different things
		properties.put("auth.providers.test.apis.own.grant", "login");
		properties.put("auth.providers.test.apis.own.scopes", "email");
		properties.put("auth.providers.test.apis.own.base-url", API);
		return properties;
	});

	@AfterAll
	static void stopApi() {
		api.stop(0);
	}

	@Test
	void anApiAskingForAStrongerAuthenticationSendsTheUserThroughTheProviderAndBack(CapturedOutput output) {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "ivy", bed.apps().url(1));
			// a script is told where to send the browser
			HttpResponse<String> json = browser.getJson(bed.apps().url(1) + call("mfa"));
			assertThat(json.statusCode()).isEqualTo(401);
			assertThat(json.body()).contains("\"error\":\"step_up_required\"").contains("/auth/login/test");
			// a page is sent there, to come back afterwards
			String pagePath = call("mfa").replace("/api/", "/pages/");
			HttpResponse<String> page = browser.get(bed.apps().url(0) + pagePath);
			assertThat(page.statusCode()).isEqualTo(302);
			String login = Browser.location(page);
			assertThat(login).contains("/auth/login/test?redirect=");
			String authorize = Browser.location(browser.get(login));
			assertThat(provider.authorizationParameters(authorize)).containsEntry("acr_values", "gold")
				.containsEntry("prompt", "login");
			// the user completes the provider's second factor
			provider.setClaim("ivy", "acr", "gold");
			HttpResponse<String> callback = browser.login(login, "ivy", bed.apps().url(1));
			assertThat(callback.statusCode()).isEqualTo(302);
			String back = Browser.location(callback);
			assertThat(back).endsWith(pagePath);
			assertThat(browser.get(back.startsWith("http") ? back : bed.apps().url(1) + back).body())
				.isEqualTo("mfa ok ivy");
			// an API that asks for what the last login proved would get the same login
			// again: its 401 goes to the application
			assertThat(browser.getJson(bed.apps().url(0) + call("proved")).body()).isEqualTo("api answered 401");
			assertThat(output).contains("asked for a step-up the user's last login at provider 'test' already proved");
		}
		finally {
			provider.removeClaim("ivy", "acr");
		}
	}

	@Test
	void aClaimsChallengeIsAnsweredByALoginAskingForTheClaims(CapturedOutput output) {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "jay", bed.apps().url(0));
			HttpResponse<String> json = browser.getJson(bed.apps().url(1) + call("cae"));
			assertThat(json.statusCode()).isEqualTo(401);
			assertThat(json.body()).contains("\"error\":\"step_up_required\"");
			String authorize = Browser.location(browser.get(bed.apps().url(0) + "/auth/login/test"));
			// claims alone need no new authentication: the provider asks for what they
			// need
			assertThat(provider.authorizationParameters(authorize)).containsEntry("claims", CLAIMS)
				.doesNotContainKey("prompt");
			browser.login(bed.apps().url(0) + "/auth/login/test", "jay", bed.apps().url(1));
			assertThat(browser.getJson(bed.apps().url(0) + call("cae")).body()).isEqualTo("cae ok jay");
			// an API that asks again for what that login asked for would loop: its 401
			// goes to the application instead
			assertThat(browser.getJson(bed.apps().url(1) + call("stubborn")).body()).isEqualTo("api answered 401");
			assertThat(output).contains("asked again for the claims a recent login");
		}
	}

	@Test
	void apisAskingForOneThingAfterAnotherSendTheUserRoundThreeTimesAtMost(CapturedOutput output) {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "lou", bed.apps().url(1));
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> stepUp = browser.getJson(bed.apps().url(i % 2) + call("shifting"));
				assertThat(stepUp.statusCode()).isEqualTo(401);
				assertThat(stepUp.body()).contains("step_up_required");
			}
			assertThat(browser.getJson(bed.apps().url(1) + call("shifting")).body()).isEqualTo("api answered 401");
			assertThat(output).contains("asked for another step-up at provider 'test' after several");
		}
	}

	@Test
	void aChallengeThatCannotBeReadIsTheApisOwn401(CapturedOutput output) {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "kim", bed.apps().url(1));
			assertThat(browser.getJson(bed.apps().url(1) + call("garbled")).body()).isEqualTo("api answered 401");
			assertThat(output).contains("asked for a step-up the starter cannot read");
			// and the user was not asked to step up
			String authorize = Browser.location(browser.get(bed.apps().url(0) + "/auth/login/test"));
			assertThat(provider.authorizationParameters(authorize)).doesNotContainKeys("claims", "acr_values",
					"prompt");
		}
	}

	private static String call(String name) {
		return "/api/apis/own/call?url=" + URLEncoder.encode(API + "/" + name + "/report", StandardCharsets.UTF_8);
	}

	/**
	 * The API: verifies the token at the provider's keys, then asks for what it lacks.
	 */
	private static void answer(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String area = exchange.getRequestURI().getPath().split("/")[1];
		Jwt token;
		try {
			token = decoder().decode((authorization != null) ? authorization.substring("Bearer ".length()) : "");
		}
		catch (JwtException ex) {
			reply(exchange, 401, "Bearer error=\"invalid_token\"", "invalid token");
			return;
		}
		switch (area) {
			case "mfa" -> {
				if ("gold".equals(token.getClaimAsString("acr"))) {
					reply(exchange, 200, null, "mfa ok " + token.getSubject());
				}
				else {
					reply(exchange, 401,
							"DPoP algs=\"ES256\", Bearer realm=\"reports\", error=\"insufficient_user_authentication\", "
									+ "error_description=\"A different authentication level is required\", acr_values=\"gold\"",
							"step up");
				}
			}
			case "cae" -> {
				if ("c1".equals(token.getClaimAsString("acrs"))) {
					reply(exchange, 200, null, "cae ok " + token.getSubject());
				}
				else {
					reply(exchange, 401, entraChallenge(CLAIMS), "claims");
				}
			}
			case "stubborn" -> reply(exchange, 401, entraChallenge(CLAIMS), "claims");
			case "proved" -> reply(exchange, 401,
					"Bearer error=\"insufficient_user_authentication\", acr_values=\"gold\"", "step up");
			// a value of its own every time, as an API asking for a fresh nbf does
			case "shifting" ->
				reply(exchange, 401, entraChallenge(CLAIMS.replace("c1", "t" + System.nanoTime())), "claims");
			default -> reply(exchange, 401, "Bearer error=\"insufficient_claims\", claims=\"bm90IGpzb24=\"", "claims");
		}
	}

	/** As Microsoft Graph sends it: standard base64, among other parameters. */
	private static String entraChallenge(String claims) {
		return "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
				+ "client_id=\"00000003-0000-0000-c000-000000000000\", error=\"insufficient_claims\", claims=\""
				+ Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\"";
	}

	private static JwtDecoder decoder() {
		if (tokens == null) {
			tokens = NimbusJwtDecoder.withIssuerLocation(provider.issuer()).build();
		}
		return tokens;
	}

	private static void reply(HttpExchange exchange, int status, String challenge, String body) throws IOException {
		if (challenge != null) {
			exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
