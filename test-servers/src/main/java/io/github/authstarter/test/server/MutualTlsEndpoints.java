package io.github.authstarter.test.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * The provider's mutual-TLS endpoints (RFC 8705): a second, HTTPS, port that asks each
 * client for its certificate and trusts those of the clients registered for
 * {@code tls_client_auth}, as providers publish them under {@code mtls_endpoint_aliases}.
 * Its server key and certificate ({@code localhost}, {@code 127.0.0.1}) are made by the
 * JDK's keytool on first use; {@link #serverTrustStore()} is what a client trusts.
 */
final class MutualTlsEndpoints {

	/** The password of every key store here. */
	static final String PASSWORD = "mtls-secret";

	private final int port = FreePorts.find();

	private final Path directory;

	private final Map<String, X509Certificate> clients = new ConcurrentHashMap<>();

	MutualTlsEndpoints() {
		try {
			this.directory = Files.createTempDirectory("test-op-mtls");
			this.directory.toFile().deleteOnExit();
			Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
			Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
					"-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost", "-ext",
					"SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
					serverKeyStore().toString(), "-storepass", PASSWORD)
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
			KeyStore server = load(serverKeyStore());
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			trusted.setCertificateEntry("provider", server.getCertificate("server"));
			store(trusted, serverTrustStore());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not make the provider's TLS key", ex);
		}
	}

	/** Trusts a client's certificate from the next start on. */
	void trust(String clientId, X509Certificate certificate) {
		this.clients.put(clientId, certificate);
	}

	/** The https origin of the endpoints. */
	String url() {
		return "https://localhost:" + this.port;
	}

	/** A PKCS#12 trust store with the provider's server certificate. */
	Path serverTrustStore() {
		return this.directory.resolve("provider-trust.p12");
	}

	/** The connector, trusting the clients registered so far. */
	Connector connector() {
		try {
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			this.clients.forEach((id, certificate) -> {
				try {
					trusted.setCertificateEntry(id, certificate);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			Path clientTrust = this.directory.resolve("client-trust.p12");
			store(trusted, clientTrust);
			Connector connector = new Connector(Http11NioProtocol.class.getName());
			connector.setPort(this.port);
			connector.setScheme("https");
			connector.setSecure(true);
			connector.setProperty("address", "127.0.0.1");
			Http11NioProtocol protocol = (Http11NioProtocol) connector.getProtocolHandler();
			protocol.setSSLEnabled(true);
			SSLHostConfig ssl = new SSLHostConfig();
			// asked for, not required: the connector also serves requests without one,
			// which
			// the endpoints then refuse as unauthenticated
			ssl.setCertificateVerification("optional");
			ssl.setTruststoreFile(clientTrust.toString());
			ssl.setTruststorePassword(PASSWORD);
			ssl.setTruststoreType("PKCS12");
			SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl,
					SSLHostConfigCertificate.Type.UNDEFINED);
			certificate.setCertificateKeystoreFile(serverKeyStore().toString());
			certificate.setCertificateKeystorePassword(PASSWORD);
			certificate.setCertificateKeystoreType("PKCS12");
			certificate.setCertificateKeyAlias("server");
			ssl.addCertificate(certificate);
			protocol.addSslHostConfig(ssl);
			return connector;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not open the provider's mutual-TLS port", ex);
		}
	}

	private Path serverKeyStore() {
		return this.directory.resolve("provider.p12");
	}

	private static KeyStore load(Path file) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	private static void store(KeyStore store, Path file) throws Exception {
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, PASSWORD.toCharArray());
		}
	}

}
