package io.github.authstarter.autoconfigure;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/**
 * Client authentication by TLS certificate (RFC 8705): which methods use it, and whether
 * an SSL bundle can present a certificate.
 */
final class MutualTls {

	/** The methods of RFC 8705 section 2. */
	static final Set<String> METHODS = Set.of("tls_client_auth", "self_signed_tls_client_auth");

	private MutualTls() {
	}

	static boolean authenticates(@Nullable String method) {
		return method != null && METHODS.contains(method);
	}

	/** Whether the bundle's key store holds a private key to present. */
	static boolean hasKey(SslBundle bundle) {
		KeyStore store = bundle.getStores().getKeyStore();
		if (store == null) {
			return false;
		}
		try {
			for (String alias : Collections.list(store.aliases())) {
				if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
					return true;
				}
			}
			return false;
		}
		catch (KeyStoreException ex) {
			return false;
		}
	}

}
