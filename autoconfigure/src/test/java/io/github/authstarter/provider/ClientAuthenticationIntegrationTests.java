package io.github.authstarter.provider;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.ClientKeyStores;
import io.github.authstarter.testbed.LocalHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client authentication without a shared secret against a real provider (Spring
 * Authorization Server) that registers one client per method: {@code private_key_jwt}
 * with an RSA key from a PEM file (with a pushed authorization request, required, and a
 * token exchange for an API) and the issuer as audience by default,
 * {@code private_key_jwt} with an EC key and its certificate from a PKCS#12 keystore
 * (made by the JDK's {@code keytool}) and the token endpoint as audience by choice, and
 * {@code client_secret_jwt} with the issuer as audience by choice. Each signs in (code
 * exchange), refreshes and signs out (revocation) across two instances, and every
 * assertion the provider received is checked: issuer and subject the client id, the
 * audience, a fresh {@code jti}, a lifetime of a minute, the {@code kid} or the
 * certificate thumbprint.
 */
class ClientAuthenticationIntegrationTests {

	private static final String SECRET = "a-client-secret-of-more-than-thirty-two-bytes";

	private static final Path keys = keys();

	private static final KeyPair rsa = rsaKeyPair();

	private static final HttpServer jwks = serveJwks();

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.registrationIds("pem", "p12", "hmac")
		.jwtClient("pem-client", "private_key_jwt", jwksUrl(), "RS256")
		.jwtClient("p12-client", "private_key_jwt", jwksUrl(), "ES256")
		.jwtClient("hmac-client", "client_secret_jwt", SECRET, "HS256");

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = new HashMap<>(TestRedis.get().properties());
		properties.put("auth.flow.max-starts-per-client-per-minute", "100000");
		String pem = "auth.providers.pem.";
		properties.put(pem + "issuer-uri", provider.issuer());
		properties.put(pem + "client-id", "pem-client");
		properties.put(pem + "client-authentication-method", "private_key_jwt");
		properties.put(pem + "client-key.location", "file:" + keys.resolve("client.pem"));
		properties.put(pem + "client-key.key-id", "pem-key");
		// the pushed authorization request authenticates with the same assertion
		properties.put(pem + "par", "required");
		// and so does the token exchange for an API
		properties.put(pem + "apis.reports.grant", "token-exchange");
		properties.put(pem + "apis.reports.audience", "reports-api");
		properties.put(pem + "apis.reports.base-url", "https://reports.example.com");
		String p12 = "auth.providers.p12.";
		properties.put(p12 + "issuer-uri", provider.issuer());
		properties.put(p12 + "client-id", "p12-client");
		properties.put(p12 + "client-authentication-method", "private_key_jwt");
		properties.put(p12 + "client-key.location", "file:" + keys.resolve("client.p12"));
		properties.put(p12 + "client-key.password", "store-secret");
		properties.put(p12 + "client-assertion-audience", "token-endpoint");
		String hmac = "auth.providers.hmac.";
		properties.put(hmac + "issuer-uri", provider.issuer());
		properties.put(hmac + "client-id", "hmac-client");
		properties.put(hmac + "client-secret", SECRET);
		properties.put(hmac + "client-authentication-method", "client_secret_jwt");
		properties.put(hmac + "client-assertion-audience", "issuer");
		return properties;
	});

	private static Path keys() {
		try {
			Path dir = Files.createTempDirectory("client-keys");
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An RSA key as a PKCS#8 PEM file, without a certificate. */
	private static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			String pem = "-----BEGIN PRIVATE KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(pair.getPrivate().getEncoded())
					+ "\n-----END PRIVATE KEY-----\n";
			Files.writeString(keys.resolve("client.pem"), pem);
			return pair;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An EC key and its self-signed certificate in a PKCS#12 keystore, by keytool. */
	private static KeyStore ecKeyStore() throws Exception {
		return ClientKeyStores.ec(keys.resolve("client.p12"), "store-secret", "p12-client");
	}

	/** The clients' public keys, as a provider fetches them from a client's jwks_uri. */
	private static HttpServer serveJwks() {
		try {
			KeyStore store = ecKeyStore();
			ECKey ec = new ECKey.Builder(Curve.P_256, (ECPublicKey) store.getCertificate("client").getPublicKey())
				// registered with its certificate, as Entra ID knows a client's key
				.x509CertSHA256Thumbprint(Base64URL
					.encode(MessageDigest.getInstance("SHA-256").digest(store.getCertificate("client").getEncoded())))
				.build();
			JWKSet set = new JWKSet(
					List.of(new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("pem-key").build(), ec));
			byte[] body = set.toString(true).getBytes(StandardCharsets.UTF_8);
			return LocalHttpServer.start((exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String jwksUrl() {
		return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks";
	}

	@AfterAll
	static void stopJwks() {
		jwks.stop(0);
	}

	@Test
	void privateKeyJwtFromAPemFileSignsForTheIssuerByDefault() throws Exception {
		List<SignedJWT> assertions = signInRefreshAndSignOut("pem", "alice", "/oauth2/par", "/oauth2/token",
				"/oauth2/token", "/oauth2/token", "/oauth2/revoke");
		for (SignedJWT assertion : assertions) {
			assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
			assertThat(assertion.getHeader().getKeyID()).isEqualTo("pem-key");
			assertClaims(assertion, "pem-client", provider.issuer());
		}
	}

	@Test
	void privateKeyJwtFromAKeystoreSendsTheCertificateThumbprintToTheTokenEndpointByChoice() throws Exception {
		byte[] certificate = ecKeyStore().getCertificate("client").getEncoded();
		String thumbprint = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate));
		// par is auto by default: the login is pushed, with the same client
		// authentication
		List<SignedJWT> assertions = signInRefreshAndSignOut("p12", "bob", "/oauth2/par", "/oauth2/token",
				"/oauth2/token", "/oauth2/revoke");
		for (SignedJWT assertion : assertions) {
			assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
			assertThat(assertion.getHeader().getX509CertSHA256Thumbprint()).hasToString(thumbprint);
			assertClaims(assertion, "p12-client", provider.issuer() + "/oauth2/token");
		}
	}

	@Test
	void clientSecretJwtWithTheIssuerAsAudience() throws Exception {
		List<SignedJWT> assertions = signInRefreshAndSignOut("hmac", "alice", "/oauth2/par", "/oauth2/token",
				"/oauth2/token", "/oauth2/revoke");
		for (SignedJWT assertion : assertions) {
			assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
			assertClaims(assertion, "hmac-client", provider.issuer());
		}
	}

	/**
	 * Signs in on one instance, refreshes on the other and signs out: the code exchange,
	 * the refresh and the revocation each sent an assertion the provider accepted.
	 */
	private static List<SignedJWT> signInRefreshAndSignOut(String id, String user, String... endpoints)
			throws Exception {
		int before = provider.clientAssertions().size();
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/" + id, user,
					bed.apps().url(0));
			assertThat(Browser.location(callback)).as("signed in with %s", id).doesNotContain("error");
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").body()).contains("\"provider\":\"" + id);
			int grants = provider.refreshGrants();
			assertThat(browser.postWithCsrf(bed.apps().url(1) + "/auth/refresh", true).statusCode()).isEqualTo(200);
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			assertThat(provider.activeRefreshTokens(user)).isNotEmpty();
			if (endpoints.length == 5) {
				int exchanges = provider.tokenExchanges();
				HttpResponse<String> api = browser.get(bed.apps().url(0) + "/api/apis/reports/token");
				assertThat(api.statusCode()).isEqualTo(200);
				assertThat(provider.tokenExchanges()).isEqualTo(exchanges + 1);
			}
			assertThat(browser.postWithCsrf(bed.apps().url(0) + "/auth/logout", true).statusCode()).isEqualTo(200);
			assertThat(provider.activeRefreshTokens(user)).as("revoked at logout").isEmpty();
		}
		List<String> sent = provider.clientAssertions().subList(before, provider.clientAssertions().size());
		assertThat(sent).extracting((entry) -> entry.substring(0, entry.indexOf(' '))).containsExactly(endpoints);
		List<SignedJWT> assertions = new ArrayList<>();
		for (String entry : sent) {
			assertions.add(SignedJWT.parse(entry.substring(entry.indexOf(' ') + 1)));
		}
		Set<String> ids = new HashSet<>();
		assertions.forEach((assertion) -> ids.add(claims(assertion).getJWTID()));
		assertThat(ids).as("a fresh jti each time").hasSize(assertions.size());
		return assertions;
	}

	private static void assertClaims(SignedJWT assertion, String clientId, String audience) {
		JWTClaimsSet claims = claims(assertion);
		assertThat(claims.getIssuer()).isEqualTo(clientId);
		assertThat(claims.getSubject()).isEqualTo(clientId);
		assertThat(claims.getAudience()).containsExactly(audience);
		Instant issued = claims.getIssueTime().toInstant();
		Instant expires = claims.getExpirationTime().toInstant();
		// a minute: the starter's own assertions and Spring's converter alike
		assertThat(Duration.between(issued, expires)).isEqualTo(Duration.ofSeconds(60));
		assertThat(assertion.getState()).isEqualTo(JWSObject.State.SIGNED);
	}

	private static JWTClaimsSet claims(SignedJWT assertion) {
		try {
			return assertion.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new AssertionError(ex);
		}
	}

}
