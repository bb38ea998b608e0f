package io.github.authstarter.tenant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.authstarter.session.TokenCipher;

/**
 * Seals a stored provider's client secret with the session's cipher, bound to the
 * provider's id: a sealed secret copied into another provider's row does not open.
 */
final class ProviderSecrets {

	private static final String SECRET = "client-secret";

	private final TokenCipher cipher;

	ProviderSecrets(TokenCipher cipher) {
		this.cipher = cipher;
	}

	Map<String, String> sealed(String id, Map<String, String> settings) {
		return replaced(settings, (secret) -> this.cipher.seal(secret, purpose(id)));
	}

	Map<String, String> opened(String id, Map<String, String> settings) {
		return replaced(settings, (secret) -> {
			try {
				return this.cipher.open(secret, purpose(id));
			}
			catch (IllegalArgumentException ex) {
				// written by hand, or under another key, or copied from another provider
				throw new InvalidProviderException(id, SECRET,
						"does not open with auth.session.encryption-key: save it again through the ProviderStore");
			}
		});
	}

	private static Map<String, String> replaced(Map<String, String> settings, UnaryOperator<String> change) {
		String secret = settings.get(SECRET);
		if (secret == null) {
			return settings;
		}
		Map<String, String> replaced = new LinkedHashMap<>(settings);
		replaced.put(SECRET, change.apply(secret));
		return replaced;
	}

	private static String purpose(String id) {
		return "provider_secret:" + id;
	}

}
