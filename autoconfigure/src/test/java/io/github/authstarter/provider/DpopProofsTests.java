package io.github.authstarter.provider;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link DpopProofs}: the proofs' contents (RFC 9449 section 4.2), the access
 * token sent as {@code DPoP}, the server's nonce kept per origin and one retry with it.
 * The HTTP exchange is a recorded one; the integration tests run against a real server.
 */
class DpopProofsTests {

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private final DpopProofs dpop = new DpopProofs(Map.of("corp", DpopMode.REQUIRED, "off", DpopMode.OFF),
			mock(ProviderRegistrations.class), Clock.fixed(NOW, ZoneOffset.UTC), UnaryOperator.identity(),
			UnaryOperator.identity());

	@Test
	void aKeyOnlyWhereTheModeAsksAndItsThumbprintIsTheJwkThumbprint() throws Exception {
		assertThat(this.dpop.newKey("off")).isNull();
		String key = this.dpop.newKey("corp");
		ECKey parsed = ECKey.parse(key);
		assertThat(parsed.isPrivate()).isTrue();
		assertThat(DpopKeys.thumbprint(key)).isEqualTo(parsed.computeThumbprint().toString());
		assertThat(this.dpop.newKey("corp")).as("a fresh key per sign-in").isNotEqualTo(key);
	}

	@Test
	void aProofNamesTheMethodAndTheUrlWithoutQueryAndProvesTheKeyAndTheToken() throws Exception {
		String key = this.dpop.newKey("corp");
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET,
				URI.create("https://API.example.com:443/v1/items?q=secret#part"));
		request.getHeaders().setBearerAuth("the-token");
		List<HttpHeaders> sent = new ArrayList<>();
		this.dpop.with(key, () -> call(request, sent, new MockClientHttpResponse(new byte[0], HttpStatus.OK)));
		assertThat(sent.get(0).getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("DPoP the-token");
		SignedJWT proof = SignedJWT.parse(sent.get(0).getFirst("DPoP"));
		assertThat(proof.getHeader().getType().getType()).isEqualTo("dpop+jwt");
		assertThat(proof.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
		assertThat(proof.getHeader().getJWK().isPrivate()).as("only the public key travels").isFalse();
		assertThat(proof.verify(new ECDSAVerifier(ECKey.parse(key).toECPublicKey()))).isTrue();
		assertThat(proof.getJWTClaimsSet().getStringClaim("htm")).isEqualTo("GET");
		assertThat(proof.getJWTClaimsSet().getStringClaim("htu")).isEqualTo("https://api.example.com/v1/items");
		assertThat(proof.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW);
		assertThat(proof.getJWTClaimsSet().getJWTID()).isNotBlank();
		assertThat(proof.getJWTClaimsSet().getStringClaim("ath")).isEqualTo(Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(
					MessageDigest.getInstance("SHA-256").digest("the-token".getBytes(StandardCharsets.US_ASCII))));
		assertThat(proof.getJWTClaimsSet().getClaim("nonce")).isNull();
	}

	@Test
	void aServersNonceIsRetriedOnceAndCarriedByTheNextProofToThatOrigin() throws Exception {
		String key = this.dpop.newKey("corp");
		MockClientHttpResponse demand = new MockClientHttpResponse(
				"{\"error\":\"use_dpop_nonce\"}".getBytes(StandardCharsets.UTF_8), HttpStatus.BAD_REQUEST);
		demand.getHeaders().set("DPoP-Nonce", "n-1");
		MockClientHttpResponse ok = new MockClientHttpResponse(new byte[0], HttpStatus.OK);
		List<HttpHeaders> sent = new ArrayList<>();
		MockClientHttpRequest token = new MockClientHttpRequest(HttpMethod.POST,
				URI.create("https://idp.example.com/token"));
		ClientHttpResponse answer = this.dpop.with(key, () -> call(token, sent, demand, ok));
		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		assertThat(sent).hasSize(2);
		assertThat(SignedJWT.parse(sent.get(1).getFirst("DPoP")).getJWTClaimsSet().getStringClaim("nonce"))
			.isEqualTo("n-1");
		assertThat(SignedJWT.parse(sent.get(1).getFirst("DPoP")).getJWTClaimsSet().getJWTID()).as("a fresh jti")
			.isNotEqualTo(SignedJWT.parse(sent.get(0).getFirst("DPoP")).getJWTClaimsSet().getJWTID());
		// the next request to that origin carries it at once; another origin's does not
		List<HttpHeaders> later = new ArrayList<>();
		this.dpop.with(key,
				() -> call(new MockClientHttpRequest(HttpMethod.POST, URI.create("https://idp.example.com/par")), later,
						new MockClientHttpResponse(new byte[0], HttpStatus.OK)));
		this.dpop.with(key,
				() -> call(new MockClientHttpRequest(HttpMethod.GET, URI.create("https://other.example.com/x")), later,
						new MockClientHttpResponse(new byte[0], HttpStatus.OK)));
		assertThat(SignedJWT.parse(later.get(0).getFirst("DPoP")).getJWTClaimsSet().getStringClaim("nonce"))
			.isEqualTo("n-1");
		assertThat(SignedJWT.parse(later.get(1).getFirst("DPoP")).getJWTClaimsSet().getClaim("nonce")).isNull();
		// a demand for the nonce just sent is not retried: once is the limit
		List<HttpHeaders> refused = new ArrayList<>();
		MockClientHttpResponse again = new MockClientHttpResponse(
				"{\"error\":\"use_dpop_nonce\"}".getBytes(StandardCharsets.UTF_8), HttpStatus.BAD_REQUEST);
		again.getHeaders().set("DPoP-Nonce", "n-1");
		assertThat(
				this.dpop
					.with(key,
							() -> call(new MockClientHttpRequest(HttpMethod.POST,
									URI.create("https://idp.example.com/token")), refused, again))
					.getStatusCode()
					.value())
			.isEqualTo(400);
		assertThat(refused).hasSize(1);
	}

	@Test
	void anotherRefusalThatBringsANewNonceIsNotSentAgainAndKeepsItsBody() throws Exception {
		String key = this.dpop.newKey("corp");
		MockClientHttpResponse business = new MockClientHttpResponse(
				"{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8), HttpStatus.BAD_REQUEST);
		business.getHeaders().set("DPoP-Nonce", "n-2");
		List<HttpHeaders> sent = new ArrayList<>();
		ClientHttpResponse answer = this.dpop.with(key,
				() -> call(new MockClientHttpRequest(HttpMethod.POST, URI.create("https://rotating.example.com/token")),
						sent, business));
		assertThat(sent).hasSize(1);
		assertThat(new String(answer.getBody().readAllBytes(), StandardCharsets.UTF_8)).contains("invalid_grant");
		// a resource server's demand is in its challenge
		MockClientHttpResponse challenge = new MockClientHttpResponse(new byte[0], HttpStatus.UNAUTHORIZED);
		challenge.getHeaders().set("DPoP-Nonce", "n-3");
		challenge.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "DPoP error=\"use_dpop_nonce\"");
		List<HttpHeaders> api = new ArrayList<>();
		this.dpop.with(key, () -> call(new MockClientHttpRequest(HttpMethod.GET, URI.create("https://api.example.net")),
				api, challenge, new MockClientHttpResponse(new byte[0], HttpStatus.OK)));
		assertThat(api).hasSize(2);
		SignedJWT retried = SignedJWT.parse(api.get(1).getFirst("DPoP"));
		assertThat(retried.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-3");
		assertThat(retried.getJWTClaimsSet().getStringClaim("htu")).as("an empty path is /")
			.isEqualTo("https://api.example.net/");
	}

	@Test
	void withoutAKeyNothingIsAdded() throws Exception {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET,
				URI.create("https://api.example.com/"));
		request.getHeaders().setBearerAuth("the-token");
		List<HttpHeaders> sent = new ArrayList<>();
		call(request, sent, new MockClientHttpResponse(new byte[0], HttpStatus.OK));
		assertThat(sent.get(0).getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer the-token");
		assertThat(sent.get(0).containsHeader("DPoP")).isFalse();
	}

	/**
	 * Runs the interceptor over answers given in turn, recording each request's headers.
	 */
	private ClientHttpResponse call(MockClientHttpRequest request, List<HttpHeaders> sent,
			ClientHttpResponse... answers) {
		int[] next = { 0 };
		try {
			return this.dpop.interceptor().intercept(request, new byte[0], (given, body) -> {
				HttpHeaders copy = new HttpHeaders();
				copy.putAll(given.getHeaders());
				sent.add(copy);
				return answers[next[0]++];
			});
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
