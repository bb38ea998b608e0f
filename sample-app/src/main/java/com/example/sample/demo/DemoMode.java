package com.example.sample.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.test.server.TestOpenIdProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import redis.embedded.RedisServer;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The self-contained demo: when {@code sample.demo.enabled} is true (the default), a
 * Redis and an OpenID Provider are started before the application and registered as
 * provider {@code demo}; with {@code false}, nothing is started and the application uses
 * only its standard configuration ({@code auth.providers.*},
 * {@code spring.data.redis.*}).
 */
public final class DemoMode implements SmartApplicationListener {

	/** The sample's client id at the demo provider. */
	public static final String CLIENT_ID = "demo-client";

	/** The sample's client secret at the demo provider. */
	public static final String CLIENT_SECRET = "demo-secret-not-for-production";

	private static final Log logger = LogFactory.getLog(DemoMode.class);

	private RedisServer redis;

	private TestOpenIdProvider provider;

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationPreparedEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			start(prepared.getEnvironment());
		}
		else if (event instanceof ApplicationPreparedEvent prepared) {
			// so tests can ask the provider what it saw (refresh grants, live sessions)
			if (this.provider != null) {
				prepared.getApplicationContext()
					.getBeanFactory()
					.registerSingleton("sampleDemoProvider", this.provider);
			}
		}
		else {
			stop();
		}
	}

	private void start(ConfigurableEnvironment environment) {
		if (!environment.getProperty("sample.demo.enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> demo = new LinkedHashMap<>();
		String redisUrl = environment.getProperty("spring.data.redis.url", "redis://127.0.0.1:6379");
		demo.put("spring.data.redis.url", redisUrl);
		startRedis(URI.create(redisUrl));
		int issuerPort = environment.getProperty("sample.demo.issuer-port", Integer.class, 9000);
		this.provider = TestOpenIdProvider.create(issuerPort).client(CLIENT_ID, CLIENT_SECRET).registrationIds("demo");
		for (int appPort = 8080; appPort < 8090; appPort++) {
			// 127.0.0.1 fits any port; localhost needs its ports listed
			this.provider.allowOrigin("http://localhost:" + appPort);
		}
		this.provider.addUser("alice",
				Map.of("name", "Alice Demo", "email", "alice@example.com", "email_verified", true));
		this.provider.addUser("bob", Map.of("name", "Bob Demo", "email", "bob@example.com", "email_verified", true));
		this.provider.start();
		String prefix = "auth.providers.demo.";
		demo.put(prefix + "issuer-uri", "http://localhost:" + issuerPort);
		demo.put(prefix + "client-id", CLIENT_ID);
		demo.put(prefix + "client-secret", CLIENT_SECRET);
		demo.put(prefix + "display-name", "Demo provider");
		environment.getPropertySources().addLast(new MapPropertySource("sampleDemo", demo));
		logger.info("Demo mode: OpenID Provider at http://localhost:" + issuerPort + " (users alice and bob, password '"
				+ TestOpenIdProvider.PASSWORD + "'), Redis at " + redisUrl
				+ ". Set sample.demo.enabled=false to use your own.");
	}

	private void startRedis(URI url) {
		int port = (url.getPort() > 0) ? url.getPort() : 6379;
		if (listening(url.getHost(), port)) {
			logger.info("Demo mode: using the Redis already listening at " + url);
			return;
		}
		try {
			this.redis = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			this.redis.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Demo mode could not start an embedded Redis on port " + port
					+ "; start one yourself or set spring.data.redis.url", ex);
		}
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

	private synchronized void stop() {
		if (this.provider != null) {
			this.provider.stop();
			this.provider = null;
		}
		if (this.redis != null) {
			try {
				this.redis.stop();
			}
			catch (IOException ex) {
				logger.warn("Could not stop the demo Redis: " + ex.getMessage());
			}
			this.redis = null;
		}
	}

}
