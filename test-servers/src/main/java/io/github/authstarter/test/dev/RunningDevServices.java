package io.github.authstarter.test.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.github.authstarter.test.server.FreePorts;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The services started for one application: the OpenID Provider (if any provider is
 * served by it), the Redis (unless one answered), and the properties that point the
 * application at them.
 */
final class RunningDevServices implements AutoCloseable {

	static final String CLIENT_ID = "dev-client";

	private static final Log logger = LogFactory.getLog(AuthDevServices.class);

	private final @Nullable TestOpenIdProvider provider;

	private final Map<String, Object> properties;

	private RunningDevServices(@Nullable TestOpenIdProvider provider, Map<String, Object> properties) {
		this.provider = provider;
		this.properties = properties;
	}

	static RunningDevServices start(ConfigurableEnvironment environment) {
		Binder binder = Binder.get(environment);
		DevProviders providers = DevProviders.choose(binder);
		Map<String, DevUser> users = binder.bind("auth.dev.users", Bindable.mapOf(String.class, DevUser.class))
			.orElse(DevUser.DEFAULTS);
		Map<String, Object> properties = new LinkedHashMap<>();
		StringBuilder report = new StringBuilder(
				"Auth dev services (test sources only: none of this is in the" + " application's jar):");
		TestOpenIdProvider provider = null;
		if (!providers.served().isEmpty()) {
			// a fresh secret each run: nothing outside this JVM can use the client
			String secret = UUID.randomUUID().toString() + UUID.randomUUID();
			provider = TestOpenIdProvider.create(FreePorts.find())
				.client(CLIENT_ID, secret)
				.registrationIds(providers.ids().toArray(String[]::new));
			int appPort = environment.getProperty("server.port", Integer.class, 8080);
			if (appPort > 0) {
				// 127.0.0.1 fits any port; localhost needs its port listed
				provider.allowOrigin("http://localhost:" + appPort);
			}
			providers.apiScopes().forEach(provider::apiScope);
			for (Map.Entry<String, DevUser> user : users.entrySet()) {
				provider.addUser(user.getKey(), user.getValue().idTokenClaims(user.getKey()));
			}
			provider.start();
			properties.putAll(providers.properties(provider.issuer(), CLIENT_ID, secret));
			report.append("\n  OpenID Provider at ").append(provider.issuer()).append(", serving ");
			providers.served()
				.forEach((id, why) -> report.append("'").append(id).append("' (").append(why).append(") "));
			report.append("\n  sign in at http://localhost:")
				.append(appPort)
				.append(environment.getProperty("auth.login.path", "/auth/login"));
			report.append("\n  users (password '").append(TestOpenIdProvider.PASSWORD).append("'): ");
			users.forEach((name, user) -> report.append(name)
				.append((user.roles() != null && !user.roles().isEmpty()) ? " " + user.roles() : "")
				.append(" "));
		}
		providers.kept()
			.forEach((id, why) -> report.append("\n  provider '").append(id).append("' as configured: ").append(why));
		String redis = environment.getProperty("spring.data.redis.url");
		URI existing = URI.create(
				(redis != null) ? redis : "redis://" + environment.getProperty("spring.data.redis.host", "localhost")
						+ ":" + environment.getProperty("spring.data.redis.port", "6379"));
		if (answers(existing)) {
			report.append("\n  Redis: the one answering at ")
				.append(existing.getHost())
				.append(":")
				.append(existing.getPort());
		}
		else {
			TestRedis started = TestRedis.get();
			properties.put("spring.data.redis.url", started.url());
			report.append("\n  Redis (").append(started.kind()).append(") at ").append(started.url());
		}
		if (providers.served().values().stream().anyMatch((why) -> why.endsWith("does not answer"))) {
			// a configured provider replaced by one where alice is an admin: say it
			// loudly
			logger.warn(report);
		}
		else {
			logger.info(report);
		}
		return new RunningDevServices(provider, properties);
	}

	/** Whether a Redis answers PING there within a second. */
	private static boolean answers(URI redis) {
		int port = (redis.getPort() > 0) ? redis.getPort() : 6379;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(redis.getHost(), port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readNBytes(5), StandardCharsets.US_ASCII);
			// a Redis with a password answers -NOAUTH: it is there, and configured
			return answer.startsWith("+PONG") || answer.startsWith("-NOAU");
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
	}

	Map<String, Object> properties() {
		return this.properties;
	}

	@Nullable TestOpenIdProvider provider() {
		return this.provider;
	}

	@Override
	public void close() {
		if (this.provider != null) {
			this.provider.stop();
		}
	}

}
