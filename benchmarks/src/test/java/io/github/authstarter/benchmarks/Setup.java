package io.github.authstarter.benchmarks;

import java.util.HashMap;
import java.util.List;
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
 * @param settings properties of this side beyond its application's
 * @param scope which figures are measured
 */
record Setup(String name, Class<?> application, String loginPath, Map<String, Object> settings, Scope scope) {

	static final Setup STOCK = new Setup("stock", StockApplication.class, "/oauth2/authorization/test", Map.of(),
			Scope.FULL);

	static final Setup STARTER = new Setup("starter", StarterApplication.class, "/auth/login/test", Map.of(),
			Scope.FULL);

	/** The starter with its session cache, as configured by default otherwise. */
	static final Setup STARTER_CACHE = new Setup("starter + cache", StarterApplication.class, "/auth/login/test",
			Map.of("auth.session.client-cache.enabled", "true"), Scope.HOT_PATH);

	/** The starter with its session cache and no read barrier: no round trip at all. */
	static final Setup STARTER_CACHE_NO_BARRIER = new Setup("starter + cache, no barrier", StarterApplication.class,
			"/auth/login/test",
			Map.of("auth.session.client-cache.enabled", "true", "auth.session.client-cache.read-barrier", "false"),
			Scope.HOT_PATH);

	/**
	 * The starter with DPoP-bound tokens (a key pair per sign-in, kept in the session
	 * record): what the binding costs a session and a login.
	 */
	static final Setup STARTER_DPOP = new Setup("starter + DPoP", StarterApplication.class, "/auth/login/test",
			Map.of("auth.providers.test.dpop", "required"), Scope.LOGIN);

	/** The sides that run every figure, compared in the ratio column. */
	static final List<Setup> COMPARED = List.of(STOCK, STARTER);

	/** The starter's session cache, on the hot-path figures only. */
	static final List<Setup> CACHED = List.of(STARTER_CACHE, STARTER_CACHE_NO_BARRIER);

	/** The columns beside the compared pair. */
	static final List<Setup> EXTRA = List.of(STARTER_CACHE, STARTER_CACHE_NO_BARRIER, STARTER_DPOP);

	boolean full() {
		return this.scope == Scope.FULL;
	}

	/** Which figures a setup is measured on. */
	enum Scope {

		/** Every figure. */
		FULL,

		/** The session's and the signed-in GET's. */
		HOT_PATH,

		/** The session's, the login's and the refresh's. */
		LOGIN

	}

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
		properties.putAll(this.settings);
		return properties;
	}

}
