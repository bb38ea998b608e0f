package io.github.authstarter.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.SignedJWT;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.ConcurrentRequests;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) against a real authorization server that verifies proofs and binds
 * tokens to their key (Spring Authorization Server), on two instances: the login start
 * names a fresh key ({@code dpop_jkt}), the code exchange and user info carry proofs of
 * it, the bound tokens keep it in the session record, another instance refreshes them
 * with a proof of the same key, and a server that demands a nonce gets it on one retry.
 */
@ExtendWith(OutputCaptureExtension.class)
class DpopIntegrationTests {

	private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(30);

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
		.reuseRefreshTokens(false);

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.providers.test.dpop", "auto");
		return properties;
	});

	@Test
	void aSignInOnOneInstanceIsBoundToItsKeyAndTheOtherInstanceRefreshesWithIt() throws Exception {
		try (Browser browser = new Browser()) {
			HttpResponse<String> start = browser.get(bed.apps().url(0) + "/auth/login/test");
			String jkt = provider.authorizationParameters(Browser.location(start)).get("dpop_jkt");
			assertThat(jkt).as("the login start names its key").isNotBlank();
			browser.clearCookies();
		}
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/test", "alice",
					bed.apps().url(1));
			assertThat(Browser.location(callback)).doesNotContain("error");
			// user info answered a bound token sent with a proof
			assertThat(browser.get(bed.apps().url(1) + "/api/name").body()).isEqualTo("Alice Example");
			String token = browser.get(bed.apps().url(0) + "/api/token").body();
			String bound = thumbprint(token);
			assertThat(bound).as("the access token is bound (cnf.jkt)").isNotBlank();
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			int grants = provider.refreshGrants();
			String refreshed = browser.get(bed.apps().url(1) + "/api/token").body();
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			assertThat(refreshed).isNotEqualTo(token);
			assertThat(thumbprint(refreshed)).as("refreshed on the other instance with the same key").isEqualTo(bound);
		}
	}

	@Test
	void fiftyRequestsOnAnExpiredBoundTokenAcrossTwoInstancesSendOneRefreshGrant() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(1));
			String session = browser.cookie("SESSION");
			String bound = thumbprint(browser.get(bed.apps().url(0) + "/api/token").body());
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			int grants = provider.refreshGrants();
			Set<String> tokens = new HashSet<>();
			for (HttpResponse<String> response : ConcurrentRequests.get(50, session, bed.apps().url(0) + "/api/token",
					bed.apps().url(1) + "/api/token")) {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				tokens.add(response.body());
			}
			assertThat(provider.refreshGrants() - grants).as("single flight holds with DPoP").isEqualTo(1);
			assertThat(tokens).hasSize(1);
			assertThat(thumbprint(tokens.iterator().next())).as("still bound to the sign-in's key").isEqualTo(bound);
		}
	}

	@Test
	void aTokenThatLivesShorterThanTheSkewIsNotRefreshedByEveryRequest() {
		// 30 s tokens under the default 60 s skew: expiring the moment they arrive,
		// unless
		// the skew is capped at half their lifetime
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(1));
			int grants = provider.refreshGrants();
			for (int i = 0; i < 4; i++) {
				assertThat(browser.get(bed.apps().url(i % 2) + "/api/token").statusCode()).isEqualTo(200);
			}
			assertThat(provider.refreshGrants()).isEqualTo(grants);
		}
	}

	@Test
	void theApplicationsCallsToAnApiProveTheKeyAndTheTokenAloneIsRefused() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			// currentUser.apis().bearerToken("test") to the provider's user info, an API
			// that verifies DPoP
			HttpResponse<String> called = browser.get(bed.apps().url(1) + "/api/userinfo");
			assertThat(called.statusCode()).isEqualTo(200);
			assertThat(called.body()).contains("\"sub\":\"alice\"");
			// the token alone, stolen from the session: useless without the key
			String token = browser.get(bed.apps().url(0) + "/api/token").body();
			for (String scheme : List.of("DPoP ", "Bearer ")) {
				HttpResponse<String> replayed = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/userinfo"))
						.header("Authorization", scheme + token)
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(replayed.statusCode()).as(scheme + "without a proof").isEqualTo(401);
			}
		}
	}

	@Test
	void springsOwnInterceptorSendsABoundTokenWithAProofWhenTheStartersFollowsIt() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			// Spring's OAuth2ClientHttpRequestInterceptor alone: Bearer, refused by an
			// API
			// that checks DPoP
			assertThat(browser.get(bed.apps().url(1) + "/api/userinfo-spring").statusCode()).isEqualTo(500);
			HttpResponse<String> called = browser.get(bed.apps().url(1) + "/api/userinfo-spring-dpop");
			assertThat(called.statusCode()).isEqualTo(200);
			assertThat(called.body()).contains("\"sub\":\"alice\"");
			// after a refresh by Spring's manager, on the other instance, the new token
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			int grants = provider.refreshGrants();
			called = browser.get(bed.apps().url(0) + "/api/userinfo-spring-dpop");
			assertThat(called.statusCode()).isEqualTo(200);
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
		}
	}

	@Test
	void aServerThatDemandsANonceGetsItOnOneRetryAndTheNextRequestCarriesIt() throws Exception {
		provider.requireDpopNonce("nonce-" + System.nanoTime());
		try (Browser browser = new Browser()) {
			int demands = provider.dpopNonceDemands();
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/test", "bob",
					bed.apps().url(0));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(provider.dpopNonceDemands()).as("the code exchange paid one retry").isEqualTo(demands + 1);
			int afterLogin = provider.dpopNonceDemands();
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			int grants = provider.refreshGrants();
			assertThat(browser.get(bed.apps().url(0) + "/api/token").statusCode()).isEqualTo(200);
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			assertThat(provider.dpopNonceDemands()).as("the kept nonce: no retry").isEqualTo(afterLogin);
		}
		finally {
			provider.requireDpopNonce(null);
		}
	}

	@Test
	void requiredRefusesASignInThatAProviderAnswersWithABearerToken(CapturedOutput output) throws Exception {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.providers.test.dpop", "required");
		properties.put("auth.redis.key-prefix", "dpop-required:");
		provider.ignoreDpop(true);
		try (AppInstances app = AppInstances.start(1, TestApplication.class, properties);
				Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(app.url(0) + "/auth/login/test", "alice", app.url(0));
			assertThat(callback.statusCode()).isEqualTo(400);
			assertThat(browser.getJson(app.url(0) + "/auth/user").statusCode()).as("nobody signed in").isEqualTo(401);
			assertThat(output).contains("dpop_not_bound");
		}
		finally {
			provider.ignoreDpop(false);
		}
	}

	@Test
	void aCallbackOnAnInstanceThatCannotOpenTheLoginsKeyFailsWithoutA500(CapturedOutput output) throws Exception {
		Map<String, Object> sealing = provider.appProperties();
		sealing.put("auth.providers.test.dpop", "auto");
		sealing.put("auth.redis.key-prefix", "dpop-keys:");
		sealing.put("auth.session.encryption-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
		Map<String, Object> other = new HashMap<>(sealing);
		other.put("auth.session.encryption-key", "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=");
		try (AppInstances one = AppInstances.start(1, TestApplication.class, sealing);
				AppInstances two = AppInstances.start(1, TestApplication.class, other);
				Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(one.url(0) + "/auth/login/test", "alice", two.url(0));
			assertThat(callback.statusCode()).isEqualTo(400);
			assertThat(output).contains("invalid_dpop_key");
		}
	}

	@Test
	void withoutThePropertyTokensStayBearer() throws Exception {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.redis.key-prefix", "bearer:");
		try (AppInstances app = AppInstances.start(1, TestApplication.class, properties);
				Browser browser = new Browser()) {
			HttpResponse<String> start = browser.get(app.url(0) + "/auth/login/test");
			assertThat(provider.authorizationParameters(Browser.location(start))).doesNotContainKey("dpop_jkt");
			browser.clearCookies();
			browser.login(app.url(0) + "/auth/login/test", "alice", app.url(0));
			assertThat(thumbprint(browser.get(app.url(0) + "/api/token").body())).isNull();
		}
	}

	private static String thumbprint(String accessToken) throws Exception {
		Map<String, Object> cnf = SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("cnf");
		return (cnf != null) ? (String) cnf.get("jkt") : null;
	}

}
