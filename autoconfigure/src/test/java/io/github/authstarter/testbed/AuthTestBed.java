package io.github.authstarter.testbed;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.TestOpenIdProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test bed most integration test classes share, as one JUnit extension: a real OpenID
 * Provider, several instances of the {@link TestApplication} against the test Redis, and
 * a plain client of that Redis. Started before the class's tests, stopped after them.
 * <pre class="code">
 * private static final TestOpenIdProvider provider = TestOpenIdProvider.create();
 *
 * &#64;RegisterExtension
 * static final AuthTestBed bed = AuthTestBed.with(provider).instances(2);
 * </pre>
 */
public final class AuthTestBed implements BeforeAllCallback, AfterAllCallback {

	private final TestOpenIdProvider provider;

	private int instances = 2;

	private Supplier<Map<String, Object>> properties;

	private @Nullable AppInstances apps;

	private @Nullable StoredSessions sessions;

	private @Nullable String keyPrefix;

	private Map<String, Object> applied = Map.of();

	private AuthTestBed(TestOpenIdProvider provider) {
		this.provider = provider;
		this.properties = provider::appProperties;
	}

	/**
	 * A test bed around a provider, not started yet.
	 * @param provider the provider, configured as the test needs
	 * @return the test bed
	 */
	public static AuthTestBed with(TestOpenIdProvider provider) {
		return new AuthTestBed(provider);
	}

	/**
	 * How many application instances to start; two by default.
	 * @param count the number of instances
	 * @return this test bed
	 */
	public AuthTestBed instances(int count) {
		this.instances = count;
		return this;
	}

	/**
	 * The properties of every instance; by default the provider's
	 * {@link TestOpenIdProvider#appProperties()}. Read when the test bed starts.
	 * @param properties the properties
	 * @return this test bed
	 */
	public AuthTestBed properties(Supplier<Map<String, Object>> properties) {
		this.properties = properties;
		return this;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// keys of its own in the shared test Redis: no test bed sees another's sessions,
		// flow records, locks or indexes, whatever order the classes run in
		Map<String, Object> properties = inKeySpace(context.getRequiredTestClass(), this.properties.get());
		this.keyPrefix = (String) properties.get("auth.redis.key-prefix");
		this.applied = new HashMap<>(properties);
		this.provider.start();
		this.apps = AppInstances.start(this.instances, TestApplication.class, properties);
		this.sessions = new StoredSessions((String) properties.get("spring.session.data.redis.namespace"));
	}

	/**
	 * Gives instances a test starts without a test bed the same isolation: keys of their
	 * own in the shared test Redis (the starter's and Spring Session's) and a clock of
	 * their own, named after the test class. Properties already set win.
	 * @param testClass the test class
	 * @param properties the instances' properties, changed in place
	 * @return the properties
	 */
	public static Map<String, Object> inKeySpace(Class<?> testClass, Map<String, Object> properties) {
		String space = testClass.getSimpleName();
		properties.putIfAbsent("auth.redis.key-prefix", space + ":auth:");
		properties.putIfAbsent("spring.session.data.redis.namespace", space + ":spring:session");
		properties.putIfAbsent("test.clock", space);
		return properties;
	}

	/**
	 * The properties the test bed's instances run with, their key space included: for
	 * another instance that must share their sessions.
	 * @return a copy to change
	 */
	public Map<String, Object> properties() {
		return new HashMap<>(this.applied);
	}

	/**
	 * The prefix of the starter's own keys of this test bed
	 * ({@code auth.redis.key-prefix}).
	 * @return the prefix, such as {@code TokenRefreshIntegrationTests:auth:}
	 */
	public String keyPrefix() {
		if (this.keyPrefix == null) {
			throw new IllegalStateException("The test bed has not started");
		}
		return this.keyPrefix;
	}

	/**
	 * The clock the test bed's instances read the time from: moving it forward expires
	 * tokens, ends cooldowns and ages key sets without a wait.
	 * @return the clock
	 */
	public MovableClock clock() {
		Object name = this.applied.get("test.clock");
		if (name == null) {
			throw new IllegalStateException("The test bed has not started");
		}
		return MovableClock.named(name.toString());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.sessions != null) {
			this.sessions.close();
		}
		if (this.apps != null) {
			this.apps.close();
		}
		this.provider.stop();
	}

	/**
	 * The provider.
	 * @return the provider
	 */
	public TestOpenIdProvider provider() {
		return this.provider;
	}

	/**
	 * The running instances.
	 * @return the instances
	 */
	public AppInstances apps() {
		if (this.apps == null) {
			throw new IllegalStateException("The test bed has not started");
		}
		return this.apps;
	}

	/**
	 * A plain client of the test Redis, for what the starter stored.
	 * @return the stored sessions
	 */
	public StoredSessions sessions() {
		if (this.sessions == null) {
			throw new IllegalStateException("The test bed has not started");
		}
		return this.sessions;
	}

}
