package io.github.authstarter.test.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several instances of an application, each a Spring context on its own loopback port,
 * sharing whatever Redis and provider their properties name, so a test can send each hop
 * of a flow to the instance it chooses.
 */
public final class AppInstances implements AutoCloseable {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private AppInstances() {
	}

	/**
	 * Starts {@code count} instances of {@code application} with the given properties.
	 * @param count how many instances
	 * @param application the application's configuration class
	 * @param properties the properties of every instance
	 * @return the running instances
	 */
	public static AppInstances start(int count, Class<?> application, Map<String, Object> properties) {
		AppInstances instances = new AppInstances();
		try {
			for (int i = 0; i < count; i++) {
				instances.contexts.add(startOne(application, properties));
			}
		}
		catch (RuntimeException ex) {
			instances.close();
			throw ex;
		}
		return instances;
	}

	private static ConfigurableApplicationContext startOne(Class<?> application, Map<String, Object> properties) {
		Map<String, Object> all = new HashMap<>();
		all.put("server.port", 0);
		all.put("server.address", "127.0.0.1");
		all.put("spring.main.banner-mode", "off");
		all.putAll(properties);
		return new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET).properties(all).run();
	}

	/**
	 * The base URL of an instance, such as {@code http://127.0.0.1:41234}.
	 * @param index the instance
	 * @return its base URL
	 */
	public String url(int index) {
		return "http://127.0.0.1:" + port(index);
	}

	public int port(int index) {
		return Integer.parseInt(this.contexts.get(index).getEnvironment().getProperty("local.server.port"));
	}

	public ConfigurableApplicationContext context(int index) {
		return this.contexts.get(index);
	}

	public int size() {
		return this.contexts.size();
	}

	/**
	 * Stops one instance, as a crashed or redeployed pod would.
	 * @param index the instance
	 */
	public void stop(int index) {
		this.contexts.get(index).close();
	}

	@Override
	public void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

}
