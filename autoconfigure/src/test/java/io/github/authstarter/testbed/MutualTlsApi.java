package io.github.authstarter.testbed;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * An API of the test's own over HTTPS that requires a client certificate (mutual TLS) and
 * answers with the subject of the one it got, on loopback ({@code localhost}).
 * {@link #trustStore()} is what a client trusts it with.
 */
public final class MutualTlsApi implements AutoCloseable {

	/** The password of its key and trust stores. */
	public static final String PASSWORD = "api-secret";

	private final HttpsServer server;

	private final Path trustStore;

	private MutualTlsApi(HttpsServer server, Path trustStore) {
		this.server = server;
		this.trustStore = trustStore;
	}

	/**
	 * Starts the API, trusting the given client certificates.
	 * @param clients the certificates it accepts
	 * @return the running API
	 */
	public static MutualTlsApi start(X509Certificate... clients) {
		try {
			Path dir = Files.createTempDirectory("mtls-api");
			dir.toFile().deleteOnExit();
			KeyStore key = ClientKeyStores.keyStore(dir.resolve("server.p12"), PASSWORD, "localhost", "-keyalg", "EC",
					"-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-ext", "SAN=dns:localhost,ip:127.0.0.1");
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			for (int i = 0; i < clients.length; i++) {
				trusted.setCertificateEntry("client-" + i, clients[i]);
			}
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(key, PASSWORD.toCharArray());
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
			HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(context) {
				@Override
				public void configure(HttpsParameters parameters) {
					SSLParameters ssl = context.getDefaultSSLParameters();
					ssl.setNeedClientAuth(true);
					parameters.setSSLParameters(ssl);
				}
			});
			server.createContext("/", (exchange) -> {
				SSLSession session = ((HttpsExchange) exchange).getSSLSession();
				Certificate[] presented = session.getPeerCertificates();
				byte[] body = ((X509Certificate) presented[0]).getSubjectX500Principal()
					.getName()
					.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			KeyStore serverTrust = KeyStore.getInstance("PKCS12");
			serverTrust.load(null, null);
			serverTrust.setCertificateEntry("api", key.getCertificate("client"));
			Path trustStore = dir.resolve("api-trust.p12");
			try (OutputStream out = Files.newOutputStream(trustStore)) {
				serverTrust.store(out, PASSWORD.toCharArray());
			}
			return new MutualTlsApi(server, trustStore);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start the mutual-TLS API", ex);
		}
	}

	/**
	 * The API's base URL.
	 * @return {@code https://localhost:<port>}
	 */
	public String url() {
		return "https://localhost:" + this.server.getAddress().getPort();
	}

	/**
	 * A PKCS#12 trust store (password {@value #PASSWORD}) with the API's certificate.
	 * @return the file
	 */
	public Path trustStore() {
		return this.trustStore;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
