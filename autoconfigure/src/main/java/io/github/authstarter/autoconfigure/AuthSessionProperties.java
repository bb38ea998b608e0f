package io.github.authstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The session record.
 */
public class AuthSessionProperties {

	/**
	 * Base64 of a 256-bit AES key (for example {@code openssl rand -base64 32}) that
	 * encrypts token values in the session record (AES-GCM). Unset, tokens are stored in
	 * clear and a warning is logged at startup.
	 */
	private @Nullable String encryptionKey;

	/**
	 * Keys used before the current one, base64, that still decrypt tokens they encrypted;
	 * new writes use the current key.
	 */
	private List<String> previousKeys = new ArrayList<>();

	/**
	 * Whether to refuse to start without an encryption key.
	 */
	private boolean requireEncryption = false;

	/**
	 * How long a session that only was read goes without extending its expiry in Redis;
	 * the idle timeout is exact to within it. Defaults to a tenth of
	 * spring.session.timeout; 0 extends it on every request.
	 */
	private @Nullable Duration touchInterval;

	/**
	 * Whether to write the compact session record (version 2: the id token's claims and
	 * the user-info claims it repeats are derived, not stored). Both versions are always
	 * read; set false to keep writing version 1 while instances of an earlier release
	 * still run beside this one (a rolling upgrade), which read only version 1 and would
	 * take a user whose record a new instance wrote as signed out.
	 */
	private boolean compactRecord = true;

	/**
	 * How long after signing in a user must sign in again, however active (an absolute
	 * lifetime on top of spring.session.timeout, the idle timeout). Unset, a sign-in
	 * lasts as long as the user stays active.
	 */
	private @Nullable Duration maxLifetime;

	public @Nullable Duration getMaxLifetime() {
		return this.maxLifetime;
	}

	public void setMaxLifetime(@Nullable Duration maxLifetime) {
		if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero())) {
			throw new IllegalArgumentException("must be positive, but was " + maxLifetime);
		}
		this.maxLifetime = maxLifetime;
	}

	public boolean isCompactRecord() {
		return this.compactRecord;
	}

	public void setCompactRecord(boolean compactRecord) {
		this.compactRecord = compactRecord;
	}

	/**
	 * Session records kept in memory between requests, dropped when Redis says they
	 * changed.
	 */
	@NestedConfigurationProperty
	private final AuthClientCacheProperties clientCache = new AuthClientCacheProperties();

	public AuthClientCacheProperties getClientCache() {
		return this.clientCache;
	}

	public @Nullable Duration getTouchInterval() {
		return this.touchInterval;
	}

	public void setTouchInterval(@Nullable Duration touchInterval) {
		if (touchInterval != null && touchInterval.isNegative()) {
			throw new IllegalArgumentException("must not be negative, but was " + touchInterval);
		}
		this.touchInterval = touchInterval;
	}

	public @Nullable String getEncryptionKey() {
		return this.encryptionKey;
	}

	public void setEncryptionKey(@Nullable String encryptionKey) {
		this.encryptionKey = encryptionKey;
	}

	public List<String> getPreviousKeys() {
		return this.previousKeys;
	}

	public void setPreviousKeys(List<String> previousKeys) {
		this.previousKeys = previousKeys;
	}

	public boolean isRequireEncryption() {
		return this.requireEncryption;
	}

	public void setRequireEncryption(boolean requireEncryption) {
		this.requireEncryption = requireEncryption;
	}

}
