package io.github.authstarter.autoconfigure;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.provider.ProviderUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AuthHttpConfiguration}: calls to a provider go through Boot's HTTP
 * client machinery, with the provider's own SSL bundle. The provider here is a real HTTPS
 * server whose certificate no JVM trusts (a private CA, made by keytool for the test).
 */
class AuthHttpConfigurationTests {

	@TempDir
	static Path directory;

	private static HttpsServer server;

	private static Path keyStore;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AuthProvidersAutoConfiguration.class, SslAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class));

	@BeforeAll
	static void startHttpsProvider() throws Exception {
		keyStore = directory.resolve("provider.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "provider", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
				"-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit")
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = new FileInputStream(keyStore.toFile())) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keys.getKeyManagers(), null, null);
		server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls));
		server.createContext("/.well-known/openid-configuration", (exchange) -> {
			String issuer = issuer();
			byte[] body = ("""
					{"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
					"jwks_uri":"%1$s/jwks","response_types_supported":["code"],
					"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}
					""".formatted(issuer)).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	@Test
	void providerBehindAPrivateCaIsReachedThroughItsSslBundle() {
		this.contextRunner
			.withPropertyValues("auth.providers.corp.issuer-uri=" + issuer(), "auth.providers.corp.client-id=c",
					"auth.providers.corp.ssl-bundle=corp-ca",
					"spring.ssl.bundle.jks.corp-ca.truststore.location=file:" + keyStore,
					"spring.ssl.bundle.jks.corp-ca.truststore.password=changeit",
					"spring.ssl.bundle.jks.corp-ca.truststore.type=PKCS12")
			.run((context) -> {
				ClientRegistration corp = context.getBean(ProviderRegistrations.class).findByRegistrationId("corp");
				assertThat(corp.getProviderDetails().getTokenUri()).isEqualTo(issuer() + "/token");
			});
	}

	@Test
	void withoutTheBundleTheProviderIsNotTrusted() {
		this.contextRunner
			.withPropertyValues("auth.providers.corp.issuer-uri=" + issuer(), "auth.providers.corp.client-id=c")
			.run((context) -> assertThatExceptionOfType(ProviderUnavailableException.class)
				.isThrownBy(() -> context.getBean(ProviderRegistrations.class).findByRegistrationId("corp")));
	}

	@Test
	void unknownBundleFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("auth.providers.corp.issuer-uri=" + issuer(), "auth.providers.corp.client-id=c",
					"auth.providers.corp.ssl-bundle=nope")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("auth.providers.corp.ssl-bundle")
				.hasMessageContaining("spring.ssl.bundle"));
	}

	@Test
	void userProviderHttpClientsWin() {
		ProviderHttpClients own = ProviderHttpClients.withTimeout(Duration.ofSeconds(1));
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.withBean(ProviderHttpClients.class, () -> own)
			.run((context) -> assertThat(context).getBean(ProviderHttpClients.class).isSameAs(own));
	}

	private static String issuer() {
		return "https://localhost:" + server.getAddress().getPort();
	}

}
