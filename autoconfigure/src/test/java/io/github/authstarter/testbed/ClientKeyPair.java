package io.github.authstarter.testbed;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A client's key for {@code private_key_jwt} (EC P-256 or RSA 2048), as an operator makes
 * one: a PKCS#12 keystore by keytool (password {@value #PASSWORD}), and its public key
 * served as the client's key set, registered with the certificate's thumbprint, at a
 * loopback URL the provider fetches.
 */
public final class ClientKeyPair implements AutoCloseable {

	/** The keystore's password. */
	public static final String PASSWORD = "store-secret";

	private final Path store;

	private final JWK key;

	private final X509Certificate certificate;

	private final HttpServer server;

	/** The CA that issued the certificate, if not self-signed. */
	private @Nullable X509Certificate issuer;

	private ClientKeyPair(Path store, JWK key, X509Certificate certificate, HttpServer server) {
		this.store = store;
		this.key = key;
		this.certificate = certificate;
		this.server = server;
	}

	/**
	 * Makes an EC P-256 key and serves its key set.
	 * @param name the certificate's common name
	 * @return the key
	 */
	public static ClientKeyPair ec(String name) {
		return create(name, true);
	}

	/**
	 * Makes an EC P-256 key whose certificate a CA of its own issued, for
	 * {@code tls_client_auth}; {@link #issuer()} is that CA's certificate.
	 * @param name the certificate's common name
	 * @return the key
	 */
	public static ClientKeyPair caIssued(String name) {
		return create(name, null);
	}

	/**
	 * Makes an RSA 2048 key and serves its key set.
	 * @param name the certificate's common name
	 * @return the key
	 */
	public static ClientKeyPair rsa(String name) {
		return create(name, false);
	}

	/** An EC key, an RSA key, or ({@code null}) an EC key a CA of its own certified. */
	private static ClientKeyPair create(String name, @Nullable Boolean curve) {
		try {
			Path dir = Files.createTempDirectory("client-keys");
			dir.toFile().deleteOnExit();
			Path store = dir.resolve("client.p12");
			boolean ec = curve == null || curve;
			KeyStore keyStore = (curve != null)
					? (ec ? ClientKeyStores.ec(store, PASSWORD, name) : ClientKeyStores.rsa(store, PASSWORD, name))
					: ClientKeyStores.caIssued(store, PASSWORD, name);
			Certificate certificate = keyStore.getCertificate("client");
			Base64URL thumbprint = Base64URL
				.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
			Key privateKey = keyStore.getKey("client", PASSWORD.toCharArray());
			JWK key = ec
					? new ECKey.Builder(Curve.P_256, (ECPublicKey) certificate.getPublicKey())
						.privateKey((ECPrivateKey) privateKey)
						.x509CertSHA256Thumbprint(thumbprint)
						.x509CertChain(List.of(Base64.encode(certificate.getEncoded())))
						.build()
					: new RSAKey.Builder((RSAPublicKey) certificate.getPublicKey())
						.privateKey((RSAPrivateKey) privateKey)
						.x509CertSHA256Thumbprint(thumbprint)
						.x509CertChain(List.of(Base64.encode(certificate.getEncoded())))
						.build();
			byte[] body = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
			HttpServer server = LocalHttpServer.start((exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			ClientKeyPair pair = new ClientKeyPair(store, key, (X509Certificate) certificate, server);
			pair.issuer = (curve != null) ? null : (X509Certificate) keyStore.getCertificate("ca");
			return pair;
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
	public JWK key() {
		return this.key;
	}

	/**
	 * The key's self-signed certificate, which a provider may trust for mutual TLS.
	 * @return the certificate
	 */
	public X509Certificate certificate() {
		return this.certificate;
	}

	/**
	 * The CA that issued the certificate, for a key made by {@link #caIssued(String)}.
	 * @return the CA's certificate
	 * @throws IllegalStateException for a self-signed certificate
	 */
	public X509Certificate issuer() {
		if (this.issuer == null) {
			throw new IllegalStateException("a self-signed certificate");
		}
		return this.issuer;
	}

	/**
	 * The keystore's file, for an SSL bundle.
	 * @return the file
	 */
	public Path path() {
		return this.store;
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
