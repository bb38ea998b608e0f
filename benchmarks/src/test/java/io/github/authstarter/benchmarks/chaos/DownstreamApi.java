package io.github.authstarter.benchmarks.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The downstream API the instances call as the user: a resource server that checks each
 * bearer token's signature against the provider's keys and its expiry with no leeway, and
 * counts what it accepted and refused. An expired token here means the starter sent one
 * it should have refreshed.
 */
final class DownstreamApi implements AutoCloseable {

	private final HttpServer server;

	private final NimbusJwtDecoder decoder;

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong expired = new AtomicLong();

	private final AtomicLong invalid = new AtomicLong();

	private DownstreamApi(String issuer) {
		// the keys once, at start: the provider's stops must not make this API refuse
		// good tokens, and its key does not change during the soak
		this.decoder = NimbusJwtDecoder.withPublicKey(publicKey(issuer))
			.signatureAlgorithm(SignatureAlgorithm.RS256)
			.build();
		this.decoder.setJwtValidator(new JwtTimestampValidator(Duration.ZERO));
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/api", this::answer);
		this.server.setExecutor(Executors.newFixedThreadPool(8));
		this.server.start();
	}

	private static RSAPublicKey publicKey(String issuer) {
		try {
			String keys = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/jwks")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			return JWKSet.parse(keys).getKeys().get(0).toRSAKey().toRSAPublicKey();
		}
		catch (IOException | ParseException | JOSEException ex) {
			throw new IllegalStateException("Could not read the provider's keys", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static DownstreamApi start(String issuer) {
		return new DownstreamApi(issuer);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/api";
	}

	long accepted() {
		return this.accepted.get();
	}

	long expired() {
		return this.expired.get();
	}

	long invalid() {
		return this.invalid.get();
	}

	private void answer(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		int status;
		String body;
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			this.invalid.incrementAndGet();
			status = 401;
			body = "no bearer token";
		}
		else {
			try {
				String subject = this.decoder.decode(authorization.substring("Bearer ".length())).getSubject();
				this.accepted.incrementAndGet();
				status = 200;
				body = "orders of " + subject;
			}
			catch (JwtValidationException ex) {
				this.expired.incrementAndGet();
				status = 401;
				body = "expired";
			}
			catch (JwtException ex) {
				this.invalid.incrementAndGet();
				status = 401;
				body = "invalid";
			}
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
