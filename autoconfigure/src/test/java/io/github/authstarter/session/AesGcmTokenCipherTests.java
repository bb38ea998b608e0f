package io.github.authstarter.session;

import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AesGcmTokenCipherTests {

	private static final SecureRandom random = new SecureRandom();

	private final byte[] oldKey = key();

	private final byte[] newKey = key();

	@Test
	void sealedValuesOpenAndNameTheirKey() {
		AesGcmTokenCipher cipher = new AesGcmTokenCipher(this.newKey, List.of());
		String sealed = cipher.seal("the-access-token", "access_token");
		assertThat(sealed).startsWith("enc:v1:" + AesGcmTokenCipher.keyId(this.newKey) + ":")
			.doesNotContain("the-access-token");
		assertThat(cipher.open(sealed, "access_token")).isEqualTo("the-access-token");
	}

	@Test
	void everySealUsesAFreshNonce() {
		AesGcmTokenCipher cipher = new AesGcmTokenCipher(this.newKey, List.of());
		assertThat(cipher.seal("same", "access_token")).isNotEqualTo(cipher.seal("same", "access_token"));
	}

	@Test
	void previousKeysStillOpenWhatTheySealed() {
		String sealedWithOld = new AesGcmTokenCipher(this.oldKey, List.of()).seal("token", "refresh_token");
		AesGcmTokenCipher rotated = new AesGcmTokenCipher(this.newKey, List.of(this.oldKey));
		assertThat(rotated.open(sealedWithOld, "refresh_token")).isEqualTo("token");
		assertThat(rotated.seal("token", "refresh_token")).contains(AesGcmTokenCipher.keyId(this.newKey));
	}

	@Test
	void aDroppedKeyNoLongerOpens() {
		String sealedWithOld = new AesGcmTokenCipher(this.oldKey, List.of()).seal("token", "access_token");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AesGcmTokenCipher(this.newKey, List.of()).open(sealedWithOld, "access_token"))
			.withMessageContaining("unknown key");
	}

	@Test
	void tamperingOrSwappingPurposesIsDetected() {
		AesGcmTokenCipher cipher = new AesGcmTokenCipher(this.newKey, List.of());
		String sealed = cipher.seal("token", "access_token");
		char last = sealed.charAt(sealed.length() - 1);
		String tampered = sealed.substring(0, sealed.length() - 1) + ((last == 'A') ? 'B' : 'A');
		assertThatIllegalArgumentException().isThrownBy(() -> cipher.open(tampered, "access_token"));
		assertThatIllegalArgumentException().isThrownBy(() -> cipher.open(sealed, "refresh_token"));
		assertThatIllegalArgumentException().isThrownBy(() -> cipher.open("enc:v1:nokey", "access_token"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> cipher.open("enc:v1:" + AesGcmTokenCipher.keyId(this.newKey) + ":%%%", "access_token"));
	}

	@Test
	void valuesStoredInClearBeforeEncryptionAreRead() {
		assertThat(new AesGcmTokenCipher(this.newKey, List.of()).open("plain-token", "access_token"))
			.isEqualTo("plain-token");
	}

	@Test
	void withoutAKeyEncryptedValuesAreRefused() {
		String sealed = new AesGcmTokenCipher(this.newKey, List.of()).seal("token", "access_token");
		assertThatIllegalArgumentException().isThrownBy(() -> TokenCipher.NONE.open(sealed, "access_token"))
			.withMessageContaining("auth.session.encryption-key");
	}

	@Test
	void keysOfAnotherSizeAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AesGcmTokenCipher(new byte[16], List.of()));
	}

	private static byte[] key() {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return key;
	}

}
