package com.example.sample.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The demo's servers, beside the sample: an OpenID Provider with the users alice and bob,
 * two APIs that accept only tokens for their own audience ({@link DemoApis}), and a Redis
 * unless one already listens at {@code spring.data.redis.url}. The sample reaches them
 * through the properties of the {@code demo} profile ({@code application-demo.yml}),
 * exactly as it would reach real ones. Test sources only: the sample's jar carries
 * neither.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DemoConfiguration {

	/** The sample's client id at the demo provider. */
	public static final String CLIENT_ID = "demo-client";

	/** The sample's client secret at the demo provider. */
	public static final String CLIENT_SECRET = "demo-secret-not-for-production";

	private static final Log logger = LogFactory.getLog(DemoConfiguration.class);

	@Bean(destroyMethod = "stop")
	TestOpenIdProvider demoOpenIdProvider(Environment environment) {
		int port = environment.getProperty("demo.issuer-port", Integer.class, 9000);
		TestOpenIdProvider provider = TestOpenIdProvider.create(port)
			.client(CLIENT_ID, CLIENT_SECRET)
			.registrationIds("demo")
			// the sample's two APIs get their tokens by token exchange (RFC 8693)
			.apiScope("orders.read", "orders-api")
			.apiScope("reports.read", "reports-api");
		for (int appPort = 8080; appPort < 8090; appPort++) {
			// 127.0.0.1 fits any port; localhost needs its ports listed
			provider.allowOrigin("http://localhost:" + appPort);
		}
		provider.addUser("alice", Map.of("name", "Alice Demo", "email", "alice@example.com", "email_verified", true,
				"roles", List.of("admins")));
		provider.addUser("bob", Map.of("name", "Bob Demo", "email", "bob@example.com", "email_verified", true));
		provider.start();
		logger.info("Demo: OpenID Provider at " + provider.issuer() + " (users alice, an admin, and bob, password '"
				+ TestOpenIdProvider.PASSWORD + "')");
		return provider;
	}

	@Bean(destroyMethod = "stop")
	DemoApis demoApis(Environment environment, TestOpenIdProvider provider) throws IOException {
		DemoApis apis = new DemoApis(environment.getProperty("demo.apis-port", Integer.class, 9001),
				provider.issuer() + "/oauth2/jwks");
		logger.info("Demo: APIs 'orders' and 'reports' at http://127.0.0.1:" + apis.port()
				+ ", each accepting only a token for its own audience");
		return apis;
	}

	@Bean(destroyMethod = "stop")
	DemoRedis demoRedis(Environment environment) throws IOException {
		URI url = URI.create(environment.getProperty("spring.data.redis.url", "redis://127.0.0.1:6379"));
		int port = (url.getPort() > 0) ? url.getPort() : 6379;
		if (listening(url.getHost(), port)) {
			logger.info("Demo: using the Redis already listening at " + url);
			return new DemoRedis(null);
		}
		RedisServer server = TestRedis.embedded(port);
		server.start();
		logger.info("Demo: Redis at " + url);
		return new DemoRedis(server);
	}

	private static boolean listening(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 300);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The demo's Redis, if it started one.
	 */
	public static final class DemoRedis {

		private final @Nullable RedisServer server;

		DemoRedis(@Nullable RedisServer server) {
			this.server = server;
		}

		void stop() throws IOException {
			if (this.server != null) {
				this.server.stop();
			}
		}

	}

}
