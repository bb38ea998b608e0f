package io.github.authstarter.testbed;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpServer;

/**
 * A client's EC P-256 key for {@code private_key_jwt}, as an operator makes one: a
 * PKCS#12 keystore by keytool (password {@value #PASSWORD}), and its public key served as
 * the client's key set, registered with the certificate's thumbprint, at a loopback URL
 * the provider fetches.
 */
public final class EcClientKey implements AutoCloseable {

	/** The keystore's password. */
	public static final String PASSWORD = "store-secret";

	private final Path store;

	private final ECKey key;

	private final HttpServer server;

	private EcClientKey(Path store, ECKey key, HttpServer server) {
		this.store = store;
		this.key = key;
		this.server = server;
	}

	/**
	 * Makes the key and serves its key set.
	 * @param name the certificate's common name
	 * @return the key
	 */
	public static EcClientKey create(String name) {
		try {
			Path dir = Files.createTempDirectory("client-keys");
			dir.toFile().deleteOnExit();
			Path store = dir.resolve("client.p12");
			KeyStore keyStore = ClientKeyStores.ec(store, PASSWORD, name);
			Certificate certificate = keyStore.getCertificate("client");
			ECKey key = new ECKey.Builder(Curve.P_256, (ECPublicKey) certificate.getPublicKey())
				.privateKey((ECPrivateKey) keyStore.getKey("client", PASSWORD.toCharArray()))
				.x509CertSHA256Thumbprint(
						Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())))
				.build();
			byte[] body = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
			HttpServer server = LocalHttpServer.start((exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			return new EcClientKey(store, key, server);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not make the client key", ex);
		}
	}

	/**
	 * The keystore, for {@code client-key.location}.
	 * @return a {@code file:} location
	 */
	public String location() {
		return "file:" + this.store;
	}

	/**
	 * The key pair, to sign what a test forges as the client.
	 * @return the key with its private part
	 */
	public ECKey key() {
		return this.key;
	}

	/**
	 * Where the client's key set is served.
	 * @return the URL
	 */
	public String jwksUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
