package io.github.authstarter.autoconfigure;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.github.authstarter.session.AesGcmTokenCipher;
import io.github.authstarter.session.TokenCipher;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Turns {@code auth.session.*} into the token cipher, failing at startup with the
 * property's name when a key is unusable or encryption is required but unset.
 */
final class TokenCipherFactory {

	private static final String KEY = "auth.session.encryption-key";

	private TokenCipherFactory() {
	}

	static TokenCipher create(AuthSessionProperties session) {
		if (!StringUtils.hasText(session.getEncryptionKey())) {
			if (session.isRequireEncryption()) {
				throw new InvalidConfigurationPropertyValueException(KEY, "",
						"auth.session.require-encryption is true; set a base64 256-bit key "
								+ "(openssl rand -base64 32)");
			}
			if (!session.getPreviousKeys().isEmpty()) {
				throw new InvalidConfigurationPropertyValueException("auth.session.previous-keys",
						MissingAuthPropertyFailureAnalyzer.HIDDEN,
						"previous keys need a current auth.session.encryption-key");
			}
			return TokenCipher.NONE;
		}
		byte[] current = decode(KEY, session.getEncryptionKey());
		List<byte[]> previous = new ArrayList<>();
		for (int i = 0; i < session.getPreviousKeys().size(); i++) {
			previous.add(decode("auth.session.previous-keys[" + i + "]", session.getPreviousKeys().get(i)));
		}
		return new AesGcmTokenCipher(current, previous);
	}

	private static byte[] decode(String property, String value) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(value.trim());
		}
		catch (IllegalArgumentException ex) {
			// the value is a secret: never echo it
			throw new InvalidConfigurationPropertyValueException(property, MissingAuthPropertyFailureAnalyzer.HIDDEN,
					"not base64; use a base64 256-bit key (openssl rand -base64 32)");
		}
		if (key.length != 32) {
			throw new InvalidConfigurationPropertyValueException(property, MissingAuthPropertyFailureAnalyzer.HIDDEN,
					"a key of " + key.length + " bytes; AES-256 needs 32 (openssl rand -base64 32)");
		}
		return key;
	}

}
