package io.github.authstarter.autoconfigure;

import java.time.Duration;

/**
 * Providers kept in a store and changed while the application runs.
 */
public class AuthProviderStoreProperties {

	/**
	 * Where providers besides auth.providers.* are kept: none, redis (the starter's
	 * Redis) or jdbc (the application's DataSource, table auth_provider). An
	 * application's own ProviderSource bean is used whatever this says.
	 */
	private StoreType type = StoreType.NONE;

	/**
	 * How often every instance reads the providers' summaries again, to see changes whose
	 * announcement it missed (while cut off from Redis, or made to the store by hand).
	 */
	private Duration refreshInterval = Duration.ofSeconds(30);

	/**
	 * Whether the jdbc store creates its auth_provider table at startup when it is
	 * missing (classpath:io/github/authstarter/tenant/schema.sql); otherwise your
	 * migrations do.
	 */
	private boolean initializeSchema;

	/**
	 * Whether stored providers may name addresses on this machine (localhost, 127.0.0.1),
	 * over http too: for development and tests only.
	 */
	private boolean allowLoopback;

	public boolean isAllowLoopback() {
		return this.allowLoopback;
	}

	public void setAllowLoopback(boolean allowLoopback) {
		this.allowLoopback = allowLoopback;
	}

	public boolean isInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(boolean initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public StoreType getType() {
		return this.type;
	}

	public void setType(StoreType type) {
		this.type = type;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	/**
	 * Where stored providers are kept.
	 */
	public enum StoreType {

		/** No store: providers come from auth.providers.* only. */
		NONE,

		/** The starter's own Redis. */
		REDIS,

		/** The application's DataSource, in the auth_provider table. */
		JDBC

	}

}
