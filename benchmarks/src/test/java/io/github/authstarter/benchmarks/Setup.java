package io.github.authstarter.benchmarks;

import java.util.HashMap;
import java.util.Map;

import io.github.authstarter.benchmarks.starter.StarterApplication;
import io.github.authstarter.benchmarks.stock.StockApplication;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;

/**
 * One side of the comparison: the application and its configuration.
 *
 * @param name the column name
 * @param application the application class
 * @param loginPath where a login starts
 */
record Setup(String name, Class<?> application, String loginPath) {

	static final Setup STOCK = new Setup("stock", StockApplication.class, "/oauth2/authorization/test");

	static final Setup STARTER = new Setup("starter", StarterApplication.class, "/auth/login/test");

	Map<String, Object> properties(TestOpenIdProvider provider) {
		Map<String, Object> properties = new HashMap<>(TestRedis.get().properties());
		properties.put("logging.level.root", "warn");
		if (this == STOCK) {
			String registration = "spring.security.oauth2.client.registration.test.";
			properties.put(registration + "client-id", provider.clientId());
			properties.put(registration + "client-secret", provider.clientSecret());
			properties.put(registration + "scope", "openid,profile,email");
			properties.put("spring.security.oauth2.client.provider.test.issuer-uri", provider.issuer());
		}
		else {
			properties.putAll(provider.clientProperties("test"));
			properties.put("auth.flow.max-starts-per-client-per-minute", "100000");
			// as short as the stock app's in this comparison
			properties.put("auth.refresh.skew", "1s");
		}
		return properties;
	}

}
