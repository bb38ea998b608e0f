package io.github.authstarter.token;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.LocalHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) towards APIs, on two instances, against a real authorization server
 * that binds tokens: an API token from a token exchange (RFC 8693) is bound to the
 * sign-in's key and sent with a proof of it; a resource server's nonce demand gets one
 * retry and the nonce is kept; a bound sign-in signs out as any other.
 */
class DpopApiIntegrationTests {

	private static final String NONCE = "rs-nonce-1";

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	/** What reached the API: path, Authorization and DPoP headers. */
	private static final List<String[]> received = new CopyOnWriteArrayList<>();

	private static final HttpServer api = LocalHttpServer.start(DpopApiIntegrationTests::answer);

	private static final String API = "http://127.0.0.1:" + api.getAddress().getPort();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		String apis = "auth.providers.test.apis.";
		properties.put("auth.providers.test.dpop", "auto");
		properties.put(apis + "reports.grant", "token-exchange");
		properties.put(apis + "reports.audience", "reports-api");
		properties.put(apis + "reports.base-url", API + "/reports");
		properties.put(apis + "own.grant", "login");
		properties.put(apis + "own.scopes", "email");
		properties.put(apis + "own.base-url", API + "/own");
		return properties;
	});

	/** A resource server that checks nothing but asks for a nonce under /own/nonce. */
	private static void answer(HttpExchange exchange) throws IOException {
		String proof = exchange.getRequestHeaders().getFirst("DPoP");
		received.add(new String[] { exchange.getRequestURI().getPath(),
				exchange.getRequestHeaders().getFirst("Authorization"), proof });
		if (exchange.getRequestURI().getPath().startsWith("/own/nonce") && !NONCE.equals(nonce(proof))) {
			exchange.getResponseHeaders().add("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"");
			exchange.getResponseHeaders().add("DPoP-Nonce", NONCE);
			exchange.sendResponseHeaders(401, -1);
			exchange.close();
			return;
		}
		byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@AfterAll
	static void stop() {
		api.stop(0);
	}

	@Test
	void anExchangedApiTokenIsBoundToTheSignInsKeyAndGoesWithAProofFromEitherInstance() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			int exchanges = provider.acceptedTokenExchanges();
			assertThat(browser.get(call(1, "reports", API + "/reports/q1")).body()).isEqualTo("ok");
			assertThat(provider.acceptedTokenExchanges()).isEqualTo(exchanges + 1);
			String[] first = last("/reports/q1");
			String thumbprint = verifiedProof(first, API + "/reports/q1");
			// the token the exchange answered is bound to that very key
			String token = first[1].substring("DPoP ".length());
			Map<String, Object> cnf = SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf");
			assertThat(cnf).containsEntry("jkt", thumbprint);
			// the other instance uses the same token with a proof of the same key
			assertThat(browser.get(call(0, "reports", API + "/reports/q2")).body()).isEqualTo("ok");
			assertThat(provider.acceptedTokenExchanges()).isEqualTo(exchanges + 1);
			String[] second = last("/reports/q2");
			assertThat(second[1]).isEqualTo(first[1]);
			assertThat(verifiedProof(second, API + "/reports/q2")).isEqualTo(thumbprint);
		}
	}

	@Test
	void aResourceServersNonceDemandGetsOneRetryAndTheNonceIsKept() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(0));
			assertThat(browser.get(call(0, "own", API + "/own/nonce/a")).body()).isEqualTo("ok");
			List<String[]> tries = received.stream().filter((entry) -> entry[0].equals("/own/nonce/a")).toList();
			assertThat(tries).hasSize(2);
			assertThat(nonce(tries.get(0)[2])).isNull();
			assertThat(nonce(tries.get(1)[2])).isEqualTo(NONCE);
			// the next request to that server carries it at once
			assertThat(browser.get(call(0, "own", API + "/own/nonce/b")).body()).isEqualTo("ok");
			assertThat(received.stream().filter((entry) -> entry[0].equals("/own/nonce/b"))).hasSize(1);
		}
	}

	@Test
	void aBoundSignInSignsOutOnEveryInstance() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
			HttpResponse<String> logout = browser.postWithCsrf(bed.apps().url(1) + "/auth/logout", true);
			assertThat(logout.statusCode()).isBetween(200, 399);
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	private static String call(int instance, String apiName, String url) {
		return bed.apps().url(instance) + "/api/apis/" + apiName + "/call?url="
				+ URLEncoder.encode(url, StandardCharsets.UTF_8);
	}

	private static String[] last(String path) {
		List<String[]> matching = received.stream().filter((entry) -> entry[0].equals(path)).toList();
		assertThat(matching).as("requests to %s", path).isNotEmpty();
		return matching.get(matching.size() - 1);
	}

	/** Checks the proof of a request (RFC 9449 section 4.2, 7); its key's thumbprint. */
	private static String verifiedProof(String[] request, String url) throws Exception {
		assertThat(request[1]).startsWith("DPoP ");
		SignedJWT proof = SignedJWT.parse(request[2]);
		assertThat(proof.getHeader().getType().getType()).isEqualTo("dpop+jwt");
		JWK key = proof.getHeader().getJWK();
		assertThat(key.isPrivate()).isFalse();
		assertThat(proof.verify(new ECDSAVerifier(key.toECKey()))).isTrue();
		assertThat(proof.getJWTClaimsSet().getStringClaim("htm")).isEqualTo("GET");
		assertThat(proof.getJWTClaimsSet().getStringClaim("htu")).isEqualTo(url);
		String token = request[1].substring("DPoP ".length());
		assertThat(proof.getJWTClaimsSet().getStringClaim("ath")).isEqualTo(Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII))));
		return key.computeThumbprint().toString();
	}

	private static String nonce(String proof) {
		if (proof == null) {
			return null;
		}
		try {
			return SignedJWT.parse(proof).getJWTClaimsSet().getStringClaim("nonce");
		}
		catch (Exception ex) {
			return null;
		}
	}

}
