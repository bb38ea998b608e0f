package io.github.authstarter.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK, one random 96-bit nonce per value, the value's purpose as
 * associated data. A stored value reads {@code enc:v1:<key id>:<base64url(nonce ||
 * ciphertext || tag)>}; the key id is derived from the key (the start of its SHA-256), so
 * records name the key that sealed them and previous keys still open them after a
 * rotation. Values stored in clear (before encryption was turned on) are read as they are
 * and sealed at their next write.
 */
public final class AesGcmTokenCipher implements TokenCipher {

	private static final String PREFIX = "enc:v1:";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final String currentKeyId;

	private final Map<String, SecretKey> keys = new LinkedHashMap<>();

	/**
	 * Creates the cipher.
	 * @param currentKey the 256-bit key new values are sealed with
	 * @param previousKeys 256-bit keys that still open values they sealed
	 */
	public AesGcmTokenCipher(byte[] currentKey, List<byte[]> previousKeys) {
		this.currentKeyId = add(currentKey);
		previousKeys.forEach(this::add);
	}

	/**
	 * The id of a key as it appears in stored values.
	 * @param key the key
	 * @return the key id
	 */
	public static String keyId(byte[] key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean isSealed(String stored) {
		return stored.startsWith(PREFIX);
	}

	/**
	 * The id of the key new values are sealed with.
	 * @return the key id
	 */
	public String currentKeyId() {
		return this.currentKeyId;
	}

	@Override
	public String seal(String value, String purpose) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[NONCE_BYTES + sealed.length];
			System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
			System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
			return PREFIX + this.currentKeyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	@Override
	public String open(String stored, String purpose) {
		if (!isSealed(stored)) {
			return stored;
		}
		int colon = stored.indexOf(':', PREFIX.length());
		if (colon < 0) {
			throw new IllegalArgumentException("malformed encrypted token");
		}
		SecretKey key = this.keys.get(stored.substring(PREFIX.length(), colon));
		if (key == null) {
			throw new IllegalArgumentException("token encrypted with an unknown key (not the current key and not in "
					+ "auth.session.previous-keys)");
		}
		try {
			byte[] in = Base64.getUrlDecoder().decode(stored.substring(colon + 1));
			if (in.length < NONCE_BYTES + TAG_BITS / 8) {
				throw new IllegalArgumentException("malformed encrypted token");
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("encrypted token that does not open (tampered or wrong key)", ex);
		}
	}

	@Override
	public boolean encrypts() {
		return true;
	}

	private String add(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
		}
		String id = keyId(key);
		this.keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
		return id;
	}

}
