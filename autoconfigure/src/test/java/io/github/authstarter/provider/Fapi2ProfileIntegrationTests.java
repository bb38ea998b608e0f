package io.github.authstarter.provider;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.ClientKeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code profile: fapi2} against real providers on two instances: a provider that offers
 * everything FAPI 2.0 needs (PAR, DPoP, {@code iss} in the authorization response, PS256
 * ID tokens, {@code private_key_jwt} with an ES256 client key) signs the user in with all
 * of it; one whose metadata lacks DPoP gets no login at all, with a 503 that names what
 * is missing, rather than a weaker one.
 */
@ExtendWith(OutputCaptureExtension.class)
class Fapi2ProfileIntegrationTests {

	private static final ClientKeyPair clientKey = ClientKeyPair.ec("fapi-client");

	private static final ClientKeyPair rsaKey = ClientKeyPair.rsa("fapi-rsa-client");

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.jwtClient("fapi-client", "private_key_jwt", clientKey.jwksUrl(), "ES256")
		.jwtClient("fapi-rsa-client", "private_key_jwt", rsaKey.jwksUrl(), "PS256")
		.issuerInAuthorizationResponses(true)
		.idTokenAlgorithm("PS256");

	/** A provider as most are today: no DPoP in its metadata. */
	private static final TestOpenIdProvider withoutDpop = TestOpenIdProvider.create()
		.registrationIds("plain")
		.jwtClient("fapi-client", "private_key_jwt", clientKey.jwksUrl(), "ES256")
		.issuerInAuthorizationResponses(true)
		.idTokenAlgorithm("PS256")
		.dpopAdvertised(false)
		.start();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = new HashMap<>(TestRedis.get().properties());
		properties.put("auth.flow.max-starts-per-client-per-minute", "100000");
		fapi(properties, "test", provider);
		fapi(properties, "plain", withoutDpop);
		// the same client with an RSA key, whose assertions are then PS256
		fapi(properties, "other", provider);
		properties.put("auth.providers.other.client-id", "fapi-rsa-client");
		properties.put("auth.providers.other.client-key.location", rsaKey.location());
		return properties;
	});

	private static void fapi(Map<String, Object> properties, String id, TestOpenIdProvider at) {
		String prefix = "auth.providers." + id + ".";
		properties.put(prefix + "issuer-uri", at.issuer());
		properties.put(prefix + "client-id", "fapi-client");
		properties.put(prefix + "client-authentication-method", "private_key_jwt");
		properties.put(prefix + "client-key.location", clientKey.location());
		properties.put(prefix + "client-key.password", ClientKeyPair.PASSWORD);
		properties.put(prefix + "profile", "fapi2");
	}

	@AfterAll
	static void stop() {
		withoutDpop.close();
		clientKey.close();
		rsaKey.close();
	}

	@Test
	void aProviderOfferingEverythingSignsTheUserInWithAllOfIt() throws Exception {
		int pushed = provider.parRequests();
		try (Browser browser = new Browser()) {
			String authorize = Browser.location(browser.get(bed.apps().url(0) + "/auth/login/test"));
			// pushed, bound to a key, with PKCE
			assertThat(authorize).contains("request_uri=").doesNotContain("code_challenge");
			assertThat(provider.authorizationParameters(authorize)).containsKeys("dpop_jkt", "code_challenge")
				.containsEntry("code_challenge_method", "S256");
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/test", "alice",
					bed.apps().url(1));
			assertThat(callback.uri().getQuery()).contains("iss=");
			assertThat(callback.statusCode()).isEqualTo(302);
			assertThat(Browser.location(callback)).doesNotContain("error");
			HttpResponse<String> user = browser.getJson(bed.apps().url(0) + "/auth/user");
			assertThat(user.statusCode()).isEqualTo(200);
			assertThat(user.body()).contains("\"subject\":\"alice\"");
		}
		assertThat(provider.parRequests()).isGreaterThanOrEqualTo(pushed + 2);
		assertThat(provider.clientAssertions()).isNotEmpty();
		for (String sent : provider.clientAssertions()) {
			SignedJWT assertion = SignedJWT.parse(sent.substring(sent.indexOf(' ') + 1));
			if (assertion.getJWTClaimsSet().getIssuer().equals("fapi-client")) {
				assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
			}
		}
	}

	@Test
	void anRsaClientKeySignsItsAssertionsPs256AndSignsTheUserIn() throws Exception {
		int sent = provider.clientAssertions().size();
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/other", "alice",
					bed.apps().url(1));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").body()).contains("\"subject\":\"alice\"");
		}
		List<String> assertions = provider.clientAssertions().subList(sent, provider.clientAssertions().size());
		assertThat(assertions).isNotEmpty();
		for (String assertion : assertions) {
			SignedJWT jwt = SignedJWT.parse(assertion.substring(assertion.indexOf(' ') + 1));
			assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("fapi-rsa-client");
			assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("PS256");
		}
	}

	@Test
	void anIdTokenSignedRs256FailsTheSignIn(CapturedOutput output) {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/test", "alice");
			// the provider's own key and claims, but the algorithm FAPI 2.0 does not
			// allow
			provider.forgeIdTokens(provider::signIdToken);
			HttpResponse<String> refused;
			try {
				refused = browser.get(callback.replace(bed.apps().url(0), bed.apps().url(1)));
			}
			finally {
				provider.forgeIdTokens(null);
			}
			assertThat(browser.followRedirects(refused).statusCode()).isBetween(400, 499);
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(output).contains("Login failed for provider 'test': invalid_id_token");
		}
	}

	@Test
	void aProviderWithoutDpopGetsNoLoginAndTheAnswerNamesWhatIsMissing() {
		int pushed = withoutDpop.parRequests();
		try (Browser browser = new Browser()) {
			HttpResponse<String> refused = browser.getJson(bed.apps().url(1) + "/auth/login/plain");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.body()).contains("provider_profile_unmet").contains("dpop_signing_alg_values_supported");
		}
		// refused before anything was sent to the provider
		assertThat(withoutDpop.parRequests()).isEqualTo(pushed);
	}

}
