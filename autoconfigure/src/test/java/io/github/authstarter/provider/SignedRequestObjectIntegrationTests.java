package io.github.authstarter.provider;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestOpenIdProvider.ResponseSigning;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.ClientKeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed authorization requests (JAR, RFC 9101) on two instances, against a provider that
 * requires them and verifies each one (signature at the client's key set, {@code typ},
 * {@code iss}, {@code aud}, {@code exp}, {@code nbf}, a pushed one's {@code jti}): pushed
 * through PAR, in the browser's URL without PAR, and under
 * {@code profile: fapi2-message-signing} with signed responses (JARM) as well. The
 * provider's own checks are proven too, with request objects broken one way at a time.
 */
class SignedRequestObjectIntegrationTests {

	private static final ClientKeyPair clientKey = ClientKeyPair.ec("jar-client");

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.registrationIds("test", "direct")
		.jwtClient("jar-client", "private_key_jwt", clientKey.jwksUrl(), "ES256")
		.requireSignedRequestObjects(true);

	/** A provider that holds its clients to FAPI 2.0 Message Signing. */
	private static final TestOpenIdProvider messageSigning = TestOpenIdProvider.create()
		.registrationIds("signed")
		.jwtClient("jar-client", "private_key_jwt", clientKey.jwksUrl(), "ES256")
		.requireSignedRequestObjects(true)
		.issuerInAuthorizationResponses(true)
		.idTokenAlgorithm("PS256")
		.signAuthorizationResponses(ResponseSigning.SIGNED)
		.start();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = new HashMap<>(TestRedis.get().properties());
		properties.put("auth.flow.max-starts-per-client-per-minute", "100000");
		client(properties, "test", provider);
		properties.put("auth.providers.test.request-object", "signed");
		client(properties, "direct", provider);
		properties.put("auth.providers.direct.request-object", "signed");
		properties.put("auth.providers.direct.par", "off");
		client(properties, "signed", messageSigning);
		properties.put("auth.providers.signed.profile", "fapi2-message-signing");
		return properties;
	});

	private static void client(Map<String, Object> properties, String id, TestOpenIdProvider at) {
		String prefix = "auth.providers." + id + ".";
		properties.put(prefix + "issuer-uri", at.issuer());
		properties.put(prefix + "client-id", "jar-client");
		properties.put(prefix + "client-authentication-method", "private_key_jwt");
		properties.put(prefix + "client-key.location", clientKey.location());
		properties.put(prefix + "client-key.password", ClientKeyPair.PASSWORD);
	}

	@AfterAll
	static void stop() {
		messageSigning.close();
		clientKey.close();
	}

	@Test
	void theSignedRequestIsPushedAndTheProviderVerifiesEveryPartOfIt() {
		int accepted = provider.acceptedRequestObjects().size();
		try (Browser browser = new Browser()) {
			String authorize = Browser.location(browser.get(bed.apps().url(0) + "/auth/login/test"));
			assertThat(Browser.queryParameters(authorize)).containsOnlyKeys("client_id", "request_uri");
			Map<String, Object> claims = provider.acceptedRequestObjects().get(accepted);
			assertThat(claims).containsEntry("iss", "jar-client")
				.containsEntry("client_id", "jar-client")
				.containsEntry("response_type", "code")
				.containsEntry("aud", List.of(provider.issuer()))
				.containsEntry("code_challenge_method", "S256")
				.containsKeys("redirect_uri", "scope", "state", "nonce", "code_challenge", "jti");
			Instant iat = ((Date) claims.get("iat")).toInstant();
			assertThat(((Date) claims.get("nbf")).toInstant()).isBeforeOrEqualTo(iat);
			assertThat(((Date) claims.get("exp")).toInstant()).isAfter(iat).isBeforeOrEqualTo(iat.plusSeconds(60));

			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/test", "alice",
					bed.apps().url(1));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").body()).contains("\"subject\":\"alice\"");
		}
		assertThat(provider.acceptedRequestObjects()).hasSize(accepted + 2);
	}

	@Test
	void withoutParTheSignedRequestTravelsInTheBrowsersUrlAndNothingElseOfItDoes() {
		int accepted = provider.acceptedRequestObjects().size();
		try (Browser browser = new Browser()) {
			String authorize = Browser.location(browser.get(bed.apps().url(0) + "/auth/login/direct"));
			// OpenID Connect wants these outside too, with the same values
			assertThat(Browser.queryParameters(authorize)).containsOnlyKeys("client_id", "response_type", "scope",
					"request");
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/direct", "alice",
					bed.apps().url(1));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").body()).contains("\"subject\":\"alice\"");
		}
		assertThat(provider.acceptedRequestObjects().size()).isGreaterThan(accepted);
	}

	@Test
	void fapi2MessageSigningSignsTheRequestAndTakesOnlyASignedResponse() {
		int accepted = messageSigning.acceptedRequestObjects().size();
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/signed", "alice");
			assertThat(Browser.queryParameters(callback)).containsKey("response").doesNotContainKey("code");
			HttpResponse<String> landed = browser.get(callback.replace(bed.apps().url(0), bed.apps().url(1)));
			assertThat(landed.statusCode()).isEqualTo(302);
			assertThat(Browser.location(landed)).doesNotContain("error");
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").body()).contains("\"subject\":\"alice\"");
		}
		Map<String, Object> claims = messageSigning.acceptedRequestObjects().get(accepted);
		assertThat(claims).containsEntry("response_mode", "jwt").containsKey("dpop_jkt");
	}

	@Test
	void theProviderRefusesARequestObjectBrokenOneWayAtATime() throws Exception {
		try (Browser browser = new Browser()) {
			assertThat(push(browser, requestObject((header) -> {
			}, (claims) -> {
			}, clientKey.key().toECKey())).statusCode()).as("the unbroken one").isEqualTo(201);
			refused(browser, requestObject((header) -> header.type(JOSEObjectType.JWT), (claims) -> {
			}, clientKey.key().toECKey()), "typ is not oauth-authz-req+jwt");
			ECKey foreign = new ECKeyGenerator(Curve.P_256).generate();
			refused(browser, requestObject((header) -> {
			}, (claims) -> {
			}, foreign), "the signature does not verify with the client's keys");
			refused(browser, requestObject((header) -> {
			}, (claims) -> claims.audience("https://another.example"), clientKey.key().toECKey()),
					"aud is not the issuer");
			refused(browser, requestObject((header) -> {
			}, (claims) -> claims.issuer("another-client"), clientKey.key().toECKey()), "iss is not the client");
			refused(browser, requestObject((header) -> {
			}, (claims) -> claims.expirationTime(Date.from(Instant.now().minusSeconds(5))), clientKey.key().toECKey()),
					"exp is missing or past");
			refused(browser, requestObject((header) -> {
			}, (claims) -> claims.notBeforeTime(Date.from(Instant.now().minusSeconds(7200))),
					clientKey.key().toECKey()), "nbf is missing, in the future or more than 60 minutes ago");
			refused(browser, requestObject((header) -> {
			}, (claims) -> claims.jwtID(null), clientKey.key().toECKey()), "jti is missing");
			String once = requestObject((header) -> {
			}, (claims) -> {
			}, clientKey.key().toECKey());
			assertThat(push(browser, once).statusCode()).isEqualTo(201);
			refused(browser, once, "jti was used before");
			String unsigned = new PlainJWT(claims().build()).serialize();
			refused(browser, unsigned, "not a signed JWT");
		}
	}

	private static void refused(Browser browser, String requestObject, String reason) throws Exception {
		HttpResponse<String> answer = push(browser, requestObject);
		assertThat(answer.statusCode()).as(reason).isEqualTo(400);
		assertThat(answer.body()).contains("invalid_request_object");
		List<String> refusals = provider.refusedRequestObjects();
		assertThat(refusals.get(refusals.size() - 1)).isEqualTo(reason);
	}

	/** A pushed authorization request of nothing but the request object. */
	private static HttpResponse<String> push(Browser browser, String requestObject) throws Exception {
		return browser.postForm(provider.issuer() + "/oauth2/par",
				Map.of("client_id", "jar-client", "request", requestObject, "client_assertion_type",
						"urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion",
						clientAssertion()));
	}

	private static String requestObject(Consumer<JWSHeader.Builder> header, Consumer<JWTClaimsSet.Builder> claims,
			ECKey key) throws Exception {
		JWSHeader.Builder headers = new JWSHeader.Builder(JWSAlgorithm.ES256)
			.type(new JOSEObjectType("oauth-authz-req+jwt"));
		header.accept(headers);
		JWTClaimsSet.Builder body = claims();
		claims.accept(body);
		SignedJWT jwt = new SignedJWT(headers.build(), body.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	/** A request object as a client makes it, for the main instance's redirect URI. */
	private static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("jar-client")
			.audience(provider.issuer())
			.notBeforeTime(Date.from(now))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", "jar-client")
			.claim("response_type", "code")
			.claim("redirect_uri", bed.apps().url(0) + "/login/oauth2/code/test")
			.claim("scope", "openid")
			.claim("state", UUID.randomUUID().toString())
			.claim("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGlSstw-cM")
			.claim("code_challenge_method", "S256");
	}

	private static String clientAssertion() throws Exception {
		Instant now = Instant.now();
		SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(),
				new JWTClaimsSet.Builder().issuer("jar-client")
					.subject("jar-client")
					.audience(provider.issuer())
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(60)))
					.jwtID(UUID.randomUUID().toString())
					.build());
		assertion.sign(new ECDSASigner(clientKey.key().toECKey()));
		return assertion.serialize();
	}

}
