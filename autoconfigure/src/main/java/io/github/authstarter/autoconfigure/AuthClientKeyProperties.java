package io.github.authstarter.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * The private key a client signs its assertions with (private_key_jwt).
 */
public class AuthClientKeyProperties {

	/**
	 * A PEM file (PKCS#8 private key, optionally followed by its certificate) or a
	 * PKCS#12 / JKS keystore (.p12, .pfx, .jks).
	 */
	private @Nullable Resource location;

	/**
	 * Password of the keystore or of an encrypted PEM key.
	 */
	private @Nullable String password;

	/**
	 * Alias of the key in the keystore; optional when it holds one key.
	 */
	private @Nullable String alias;

	/**
	 * A Spring Boot SSL bundle (spring.ssl.bundle.*) whose key signs the assertions,
	 * instead of location.
	 */
	private @Nullable String bundle;

	/**
	 * The kid sent in the assertion's header, as registered at the provider; the
	 * certificate's SHA-256 thumbprint (x5t#S256) is sent whenever there is a
	 * certificate.
	 */
	private @Nullable String keyId;

	public @Nullable Resource getLocation() {
		return this.location;
	}

	public void setLocation(@Nullable Resource location) {
		this.location = location;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getAlias() {
		return this.alias;
	}

	public void setAlias(@Nullable String alias) {
		this.alias = alias;
	}

	public @Nullable String getBundle() {
		return this.bundle;
	}

	public void setBundle(@Nullable String bundle) {
		this.bundle = bundle;
	}

	public @Nullable String getKeyId() {
		return this.keyId;
	}

	public void setKeyId(@Nullable String keyId) {
		this.keyId = keyId;
	}

}
