package io.github.authstarter.tenant;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.TestApplication;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Two instances with their providers in the starter's Redis store and tenants resolved as
 * a test says, in keys of the test's own, with a connection to look at those keys: what
 * the tenant integration tests share.
 */
final class TenantsTestBed implements AutoCloseable {

	private final TestOpenIdProvider provider;

	private final AppInstances apps;

	private final String keyPrefix;

	private final RedisClient redisClient;

	private final StatefulRedisConnection<String, String> redis;

	private TenantsTestBed(TestOpenIdProvider provider, AppInstances apps, String keyPrefix) {
		this.provider = provider;
		this.apps = apps;
		this.keyPrefix = keyPrefix;
		this.redisClient = RedisClient.create(TestRedis.get().url());
		this.redis = this.redisClient.connect();
	}

	/**
	 * Starts the instances, then the provider.
	 * @param testClass the test, whose name the keys are under
	 * @param provider the provider, not started yet
	 * @param tenants the properties that resolve tenants
	 * @param beforeTheProvider what the provider must know of the started instances
	 * @return the test bed
	 */
	static TenantsTestBed start(Class<?> testClass, TestOpenIdProvider provider, Map<String, Object> tenants,
			Consumer<AppInstances> beforeTheProvider) {
		Map<String, Object> properties = AuthTestBed.inKeySpace(testClass, new HashMap<>(provider.appProperties()));
		properties.put("auth.provider-store.type", "redis");
		// the test provider runs on this machine
		properties.put("auth.provider-store.allow-loopback", "true");
		properties.putAll(tenants);
		AppInstances apps = AppInstances.start(2, TestApplication.class, properties);
		// discovery is lazy: the provider may learn the instances' ports after they start
		beforeTheProvider.accept(apps);
		provider.start();
		return new TenantsTestBed(provider, apps, (String) properties.get("auth.redis.key-prefix"));
	}

	AppInstances apps() {
		return this.apps;
	}

	ProviderStore store() {
		return this.apps.context(0).getBean(ProviderStore.class);
	}

	/** The settings of a stored provider at the test's provider. */
	Map<String, String> settings(String displayName) {
		// both tenants' users have addresses at example.com: the tenant decides whose
		// provider an address goes to
		return Map.of("issuer-uri", this.provider.issuer(), "client-id", this.provider.clientId(), "client-secret",
				this.provider.clientSecret(), "display-name", displayName, "allowed-email-domains", "example.com");
	}

	/** How many of the test's keys match a pattern, such as {@code flow:*}. */
	long keys(String pattern) {
		return this.redis.sync().keys(this.keyPrefix + pattern).size();
	}

	@Override
	public void close() {
		this.redis.close();
		this.redisClient.shutdown();
		this.apps.close();
		this.provider.stop();
	}

}
