package io.github.authstarter.logout;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC back-channel logout against a real provider's keys and a real Redis, on two
 * instances: a valid logout token ends the sessions everywhere, a bad one ends nothing.
 */
class BackChannelLogoutIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider);

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void logoutTokenForTheProviderSessionEndsItOnEveryInstance() throws Exception {
		try (Browser browser = new Browser(); Browser elsewhere = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			// the same user in another browser: another provider session, another sid
			elsewhere.login(bed.apps().url(1) + "/auth/login/test", "alice", bed.apps().url(0));
			String sid = bed.sessions().user(browser).idToken().getClaimAsString("sid");
			assertThat(sid).as("the provider names its session in the id token").isNotBlank();
			assertThat(bed.sessions().user(elsewhere).idToken().getClaimAsString("sid")).isNotEqualTo(sid);
			Map<String, Object> claims = provider.logoutTokenClaims();
			claims.put("sid", sid);
			HttpResponse<String> answer = post(bed.apps().url(1), provider.signLogoutToken(claims));
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
			// ending by subject would end this one too
			assertThat(elsewhere.getJson(bed.apps().url(0) + "/auth/user").statusCode()).as("the other sid's session")
				.isEqualTo(200);
			assertThat(elsewhere.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void logoutTokenForTheSubjectEndsEveryOneOfItsSessions() throws Exception {
		try (Browser first = new Browser(); Browser second = new Browser(); Browser other = new Browser()) {
			first.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(0));
			second.login(bed.apps().url(1) + "/auth/login/test", "bob", bed.apps().url(1));
			other.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			Map<String, Object> claims = provider.logoutTokenClaims();
			claims.put("sub", "bob");
			assertThat(post(bed.apps().url(0), provider.signLogoutToken(claims)).statusCode()).isEqualTo(200);
			assertThat(first.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(second.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(other.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void badLogoutTokensAreRejectedAndEndNothing() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			String sid = bed.sessions().user(browser).idToken().getClaimAsString("sid");
			Map<String, Object> valid = provider.logoutTokenClaims();
			valid.put("sid", sid);

			Map<String, Object> wrongAudience = new HashMap<>(valid);
			wrongAudience.put("aud", List.of("another-client"));
			Map<String, Object> noEvents = new HashMap<>(valid);
			noEvents.remove("events");
			Map<String, Object> withNonce = new HashMap<>(valid);
			withNonce.put("nonce", "n");
			Map<String, Object> wrongIssuer = new HashMap<>(valid);
			wrongIssuer.put("iss", "http://evil.example.com");
			Map<String, Object> old = new HashMap<>(valid);
			old.put("iat", Instant.now().minusSeconds(3600).getEpochSecond());
			for (String token : List.of(provider.forgeLogoutToken(valid), provider.signLogoutToken(wrongAudience),
					provider.signLogoutToken(noEvents), provider.signLogoutToken(withNonce),
					provider.signLogoutToken(wrongIssuer), provider.signLogoutToken(old), "not-a-jwt", "")) {
				HttpResponse<String> answer = post(bed.apps().url(1), token);
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
				assertThat(answer.body()).contains("\"error\":\"invalid_request\"");
			}
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);

			String once = provider.signLogoutToken(valid);
			assertThat(post(bed.apps().url(0), once).statusCode()).isEqualTo(200);
			HttpResponse<String> replay = post(bed.apps().url(1), once);
			assertThat(replay.statusCode()).isEqualTo(400);
			assertThat(replay.body()).contains("replayed jti");
		}
	}

	@Test
	void signOutEverywhereEndsEverySessionOfTheUserOnEveryInstance() {
		try (Browser phone = new Browser(); Browser laptop = new Browser(); Browser other = new Browser()) {
			phone.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(0));
			laptop.login(bed.apps().url(1) + "/auth/login/test", "bob", bed.apps().url(1));
			other.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			HttpResponse<String> ended = phone.postWithCsrf(bed.apps().url(1) + "/api/sign-out-everywhere", false);
			assertThat(ended.body()).isEqualTo("ended 2");
			assertThat(phone.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(laptop.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(other.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void logoutTokensNamingMadeUpKeysCostTheProviderAtMostOneKeySetFetch() throws Exception {
		// the instance knows the provider's keys, as after any login or logout token
		Map<String, Object> valid = provider.logoutTokenClaims();
		valid.put("sub", "nobody");
		assertThat(post(bed.apps().url(0), provider.signLogoutToken(valid)).statusCode()).isEqualTo(200);
		int fetches = provider.jwksRequests();
		for (int i = 0; i < 100; i++) {
			Map<String, Object> claims = provider.logoutTokenClaims();
			claims.put("sub", "alice");
			HttpResponse<String> answer = post(bed.apps().url(0), provider.signWithUnknownKey(claims));
			assertThat(answer.statusCode()).isEqualTo(400);
		}
		assertThat(provider.jwksRequests() - fetches).isLessThanOrEqualTo(1);
	}

	@Test
	void unknownProviderIsRejected() throws Exception {
		HttpResponse<String> answer = this.http
			.send(HttpRequest.newBuilder(URI.create(bed.apps().url(0) + "/auth/backchannel-logout/nope"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("logout_token=x"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> post(String baseUrl, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/auth/backchannel-logout/test"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
