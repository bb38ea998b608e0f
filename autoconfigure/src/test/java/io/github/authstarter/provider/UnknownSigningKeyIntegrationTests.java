package io.github.authstarter.provider;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens signed with a key a real provider does not publish, while the application holds
 * the provider's current key set and may not fetch it again yet: invalid tokens, never an
 * outage.
 */
class UnknownSigningKeyIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	/**
	 * Long enough that every step of a test runs inside one interval, and short enough
	 * that moving past one per test keeps the provider's fresh id tokens (30 minutes)
	 * valid on the moved clock.
	 */
	private static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider)
		.instances(1)
		.properties(UnknownSigningKeyIntegrationTests::appProperties);

	private final HttpClient http = HttpClient.newHttpClient();

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.providers.test.jwks-refetch-interval", REFETCH_INTERVAL.toMinutes() + "m");
		return properties;
	}

	/**
	 * Each test starts a refetch interval of its own, whatever ran before it: a test
	 * before could have used up the one refetch the current interval allows.
	 */
	@BeforeEach
	void startARefetchIntervalOfItsOwn() {
		bed.clock().advance(REFETCH_INTERVAL.plusSeconds(1));
	}

	@Test
	void callbackWithAnIdTokenNamingAnUnknownKeyAnswers401NotA503() throws Exception {
		signIn().close();
		// made-up keys in logout tokens have an allowance of their own: the provider's
		// own
		// tokens may still fetch the set once for a key it rotated in
		useUpTheRefetch();
		int fetches = provider.jwksRequests();
		assertThat(forgedCallback()).isEqualTo(401);
		assertThat(provider.jwksRequests()).as("one fetch for a key not seen").isEqualTo(fetches + 1);
		// within the interval the key set in hand answers: the token is invalid
		assertThat(forgedCallback()).isEqualTo(401);
		assertThat(provider.jwksRequests()).as("the key set in hand answers").isEqualTo(fetches + 1);
	}

	private static int forgedCallback() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/test", "alice");
			provider.forgeIdTokens(provider::signWithUnknownKey);
			HttpResponse<String> answer;
			try {
				answer = browser.getJson(callback);
			}
			finally {
				provider.forgeIdTokens(null);
			}
			assertThat(answer.body()).contains("\"error\":\"invalid_id_token\"");
			assertThat(browser.cookie("SESSION")).isNull();
			return answer.statusCode();
		}
	}

	@Test
	void refreshAnswerWithAnIdTokenNamingAnUnknownKeySignsOutNotA503() throws Exception {
		try (Browser browser = signIn()) {
			useUpTheRefetch();
			provider.forgeRefreshIdTokens(provider::signWithUnknownKey);
			HttpResponse<String> answer;
			try {
				answer = browser.postWithCsrf(bed.apps().url(0) + "/auth/refresh", true);
			}
			finally {
				provider.forgeRefreshIdTokens(null);
			}
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
			assertThat(answer.body()).contains("\"error\":\"reauthentication_required\"");
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void logoutTokenNamingAnUnknownKeyAnswers400() throws Exception {
		signIn().close();
		useUpTheRefetch();
		Map<String, Object> claims = provider.logoutTokenClaims();
		claims.put("sub", "alice");
		HttpResponse<String> answer = backChannelLogout(provider.signWithUnknownKey(claims));
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("algorithm or key not accepted");
	}

	/** A sign-in, which fetches the provider's keys once. */
	private static Browser signIn() {
		Browser browser = new Browser();
		HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/test", "alice",
				bed.apps().url(0));
		assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
		return browser;
	}

	/**
	 * A token naming a made-up key: the key set is fetched again for it, if the interval
	 * allows, and may not be fetched again for the rest of this class.
	 */
	private void useUpTheRefetch() throws Exception {
		Map<String, Object> claims = provider.logoutTokenClaims();
		claims.put("sub", "nobody");
		assertThat(backChannelLogout(provider.signWithUnknownKey(claims)).statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> backChannelLogout(String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(bed.apps().url(0) + "/auth/backchannel-logout/test"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
