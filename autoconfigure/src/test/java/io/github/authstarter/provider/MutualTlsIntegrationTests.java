package io.github.authstarter.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.ClientKeyPair;
import io.github.authstarter.testbed.MutualTlsApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS (RFC 8705) against a real authorization server on two instances: the client
 * authenticates with the certificate of its SSL bundle
 * ({@code self_signed_tls_client_auth}, the certificate in its key set) at the endpoints
 * the provider lists under {@code mtls_endpoint_aliases}, and its access tokens come back
 * bound to that certificate ({@code cnf.x5t#S256}), which user info then asks for.
 */
class MutualTlsIntegrationTests {

	private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(30);

	private static final ClientKeyPair clientKey = ClientKeyPair.ec("mtls-client");

	/** A certificate a CA issued, for tls_client_auth. */
	private static final ClientKeyPair caIssuedKey = ClientKeyPair.caIssued("tls-client");

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.mutualTlsClient("mtls-client", clientKey.certificate(), clientKey.jwksUrl())
		.mutualTlsCaClient("tls-client", caIssuedKey.certificate(), caIssuedKey.issuer())
		.apiScope("partner.read", "partner-api")
		.accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME);

	/** Another client certificate, of an API's own SSL bundle. */
	private static final ClientKeyPair apiKey = ClientKeyPair.ec("api-client");

	/** An API that takes only clients with a certificate it trusts. */
	private static final MutualTlsApi partner = MutualTlsApi.start(apiKey.certificate());

	/** A provider that meets FAPI 2.0 with mutual TLS instead of DPoP. */
	private static final TestOpenIdProvider fapi = TestOpenIdProvider.create()
		.registrationIds("fapi")
		.mutualTlsClient("mtls-client", clientKey.certificate(), clientKey.jwksUrl())
		.issuerInAuthorizationResponses(true)
		.idTokenAlgorithm("PS256")
		.start();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = new HashMap<>(TestRedis.get().properties());
		properties.put("auth.flow.max-starts-per-client-per-minute", "100000");
		client(properties, "test", provider);
		// the sign-in's consent covers the partner API, whose token a refresh grant gets
		properties.put("auth.providers.test.scopes", "openid,profile,email,partner.read");
		client(properties, "fapi", fapi);
		client(properties, "other", provider, caIssuedKey, "tls-client", "tls_client_auth");
		properties.put("auth.providers.fapi.profile", "fapi2");
		// an API with an SSL bundle of its own: its certificate and its server's trust
		String bundle = "spring.ssl.bundle.jks.partner.";
		properties.put(bundle + "keystore.location", "file:" + apiKey.path());
		properties.put(bundle + "keystore.password", ClientKeyPair.PASSWORD);
		properties.put(bundle + "keystore.type", "PKCS12");
		properties.put(bundle + "truststore.location", "file:" + partner.trustStore());
		properties.put(bundle + "truststore.password", MutualTlsApi.PASSWORD);
		properties.put(bundle + "truststore.type", "PKCS12");
		properties.put("auth.providers.test.apis.partner.base-url", partner.url() + "/");
		properties.put("auth.providers.test.apis.partner.scopes", "partner.read");
		properties.put("auth.providers.test.apis.partner.ssl-bundle", "partner");
		// an API that checks the binding: the provider's user info, over mutual TLS
		properties.put("auth.providers.test.apis.me.base-url", provider.mutualTlsUrl() + "/");
		properties.put("auth.providers.test.apis.me.grant", "login");
		properties.put("auth.providers.test.apis.me.scopes", "openid");
		return properties;
	});

	/** The client at a provider, with an SSL bundle of the client's key and its trust. */
	private static void client(Map<String, Object> properties, String id, TestOpenIdProvider at) {
		client(properties, id, at, clientKey, "mtls-client", "self_signed_tls_client_auth");
	}

	private static void client(Map<String, Object> properties, String id, TestOpenIdProvider at, ClientKeyPair key,
			String clientId, String method) {
		String bundle = "spring.ssl.bundle.jks." + id + ".";
		properties.put(bundle + "keystore.location", "file:" + key.path());
		properties.put(bundle + "keystore.password", ClientKeyPair.PASSWORD);
		properties.put(bundle + "keystore.type", "PKCS12");
		properties.put(bundle + "truststore.location", "file:" + at.mutualTlsTrustStore());
		properties.put(bundle + "truststore.password", TestOpenIdProvider.mutualTlsTrustStorePassword());
		properties.put(bundle + "truststore.type", "PKCS12");
		String prefix = "auth.providers." + id + ".";
		properties.put(prefix + "issuer-uri", at.issuer());
		properties.put(prefix + "client-id", clientId);
		properties.put(prefix + "client-authentication-method", method);
		properties.put(prefix + "ssl-bundle", id);
	}

	@AfterAll
	static void stop() {
		fapi.close();
		partner.close();
		apiKey.close();
		caIssuedKey.close();
		clientKey.close();
	}

	@Test
	void profileFapi2TakesMutualTlsForItsClientAuthenticationAndItsBoundTokens() throws Exception {
		int overTls = fapi.mutualTlsTokenRequests();
		try (Browser browser = new Browser()) {
			String authorize = Browser.location(browser.get(bed.apps().url(0) + "/auth/login/fapi"));
			// pushed, and bound to the certificate rather than a DPoP key
			assertThat(authorize).contains("request_uri=");
			assertThat(fapi.authorizationParameters(authorize)).doesNotContainKey("dpop_jkt");
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/fapi", "alice",
					bed.apps().url(1));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(fapi.mutualTlsTokenRequests()).isEqualTo(overTls + 1);
			String token = browser.get(bed.apps().url(1) + "/api/token").body();
			assertThat(SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf")).containsEntry("x5t#S256",
					thumbprint());
		}
	}

	@Test
	void theClientAuthenticatesWithItsCertificateAndItsTokensAreBoundToIt() throws Exception {
		int overTls = provider.mutualTlsTokenRequests();
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/test", "alice",
					bed.apps().url(1));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(provider.mutualTlsTokenRequests()).as("the code exchange, at the alias").isEqualTo(overTls + 1);
			// user info, at its alias, takes the bound token with the certificate
			assertThat(browser.get(bed.apps().url(1) + "/api/name").body()).isEqualTo("Alice Example");
			// so does an API called through currentUser.apis(): the same certificate
			assertThat(browser.get(bed.apps().url(0) + "/api/apis/me/client?path=/userinfo").body()).startsWith("200 ")
				.contains("\"sub\":\"alice\"");
			// an API with an SSL bundle of its own gets that bundle's certificate
			assertThat(browser.get(bed.apps().url(1) + "/api/apis/partner/client?path=/whoami").body())
				.isEqualTo("200 CN=api-client");
			String token = browser.get(bed.apps().url(0) + "/api/token").body();
			assertThat(SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf")).containsEntry("x5t#S256",
					thumbprint());
			// the other instance refreshes over mutual TLS too
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			int grants = provider.refreshGrants();
			int beforeRefresh = provider.mutualTlsTokenRequests();
			String refreshed = browser.get(bed.apps().url(1) + "/api/token").body();
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			assertThat(refreshed).isNotEqualTo(token);
			assertThat(provider.mutualTlsTokenRequests()).isEqualTo(beforeRefresh + 1);
		}
	}

	@Test
	void aCertificateACaIssuedAuthenticatesByItsSubject() throws Exception {
		int overTls = provider.mutualTlsTokenRequests();
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/other", "alice",
					bed.apps().url(1));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(provider.mutualTlsTokenRequests()).isEqualTo(overTls + 1);
			String token = browser.get(bed.apps().url(0) + "/api/token").body();
			assertThat(SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf")).containsEntry("x5t#S256",
					thumbprint(caIssuedKey));
		}
	}

	@Test
	void theBoundTokenWithoutTheCertificateIsRefused() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			String token = browser.get(bed.apps().url(0) + "/api/token").body();
			HttpResponse<String> replayed = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/userinfo"))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(replayed.statusCode()).as("no certificate").isEqualTo(401);
		}
	}

	private static String thumbprint() throws Exception {
		return thumbprint(clientKey);
	}

	private static String thumbprint(ClientKeyPair key) throws Exception {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(key.certificate().getEncoded()));
	}

}
