package io.github.authstarter.autoconfigure;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The public key that an EC private key's PKCS#8 encoding may carry: RFC 5915's optional
 * {@code publicKey}, which OpenSSL writes and the JDK leaves out (or RFC 5958's, outside
 * it). With it a key file needs no certificate beside it. The JDK has no public API to
 * read it, so a small DER reader does.
 */
final class EmbeddedEcPublicKey {

	private static final int SEQUENCE = 0x30;

	private static final int OCTET_STRING = 0x04;

	private static final int BIT_STRING = 0x03;

	/** OneAsymmetricKey (RFC 5958): {@code publicKey [1] IMPLICIT BIT STRING}. */
	private static final int OUTER_PUBLIC_KEY = 0x81;

	/** ECPrivateKey (RFC 5915): {@code publicKey [1] EXPLICIT BIT STRING}. */
	private static final int INNER_PUBLIC_KEY = 0xA1;

	private EmbeddedEcPublicKey() {
	}

	/**
	 * The public key the private key's encoding carries.
	 * @param privateKey the private key
	 * @return its public key, or {@code null} when the encoding carries none
	 * @throws GeneralSecurityException when the encoding is malformed or its point is not
	 * an uncompressed point of the key's curve
	 */
	static @Nullable ECPublicKey of(ECPrivateKey privateKey) throws GeneralSecurityException {
		byte[] encoded = privateKey.getEncoded();
		if (encoded == null) {
			return null;
		}
		try {
			List<Element> info = Element.read(encoded, 0, encoded.length, SEQUENCE).children();
			for (Element field : info) {
				if (field.tag() == OUTER_PUBLIC_KEY) {
					return point(privateKey, field.content());
				}
			}
			if (info.size() < 3 || info.get(2).tag() != OCTET_STRING) {
				throw new InvalidKeyException("not a PKCS#8 private key");
			}
			Element octets = info.get(2);
			for (Element field : Element.read(encoded, octets.start(), octets.end(), SEQUENCE).children()) {
				if (field.tag() == INNER_PUBLIC_KEY) {
					return point(privateKey, Element.read(encoded, field.start(), field.end(), BIT_STRING).content());
				}
			}
			return null;
		}
		finally {
			// the encoding holds the private key
			Arrays.fill(encoded, (byte) 0);
		}
	}

	private static ECPublicKey point(ECPrivateKey privateKey, byte[] bits) throws GeneralSecurityException {
		int size = (privateKey.getParams().getCurve().getField().getFieldSize() + 7) / 8;
		// no unused bits, then an uncompressed point: 0x04, x, y
		if (bits.length != 2 + 2 * size || bits[0] != 0 || bits[1] != 4) {
			throw new InvalidKeyException("its public key is not an uncompressed point of its curve");
		}
		BigInteger x = new BigInteger(1, Arrays.copyOfRange(bits, 2, 2 + size));
		BigInteger y = new BigInteger(1, Arrays.copyOfRange(bits, 2 + size, bits.length));
		ECPublicKeySpec spec = new ECPublicKeySpec(new ECPoint(x, y), privateKey.getParams());
		return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(spec);
	}

	/** One DER element: its tag and where its content lies in the encoding. */
	private record Element(byte[] der, int tag, int start, int end) {

		static Element read(byte[] der, int offset, int limit, int tag) throws InvalidKeyException {
			Element element = at(der, offset, limit);
			if (element.tag != tag) {
				throw new InvalidKeyException("not a PKCS#8 EC private key");
			}
			return element;
		}

		static Element at(byte[] der, int offset, int limit) throws InvalidKeyException {
			if (offset + 2 > limit) {
				throw new InvalidKeyException("truncated DER");
			}
			int length = der[offset + 1] & 0xFF;
			int start = offset + 2;
			if (length >= 0x80) {
				// the long form: the count of length bytes, then the length
				int count = length - 0x80;
				if (count < 1 || count > 3 || start + count > limit) {
					throw new InvalidKeyException("unsupported DER length");
				}
				length = 0;
				for (int i = 0; i < count; i++) {
					length = (length << 8) | (der[start + i] & 0xFF);
				}
				start += count;
			}
			if (start + length > limit) {
				throw new InvalidKeyException("truncated DER");
			}
			return new Element(der, der[offset] & 0xFF, start, start + length);
		}

		List<Element> children() throws InvalidKeyException {
			List<Element> children = new ArrayList<>();
			int offset = this.start;
			while (offset < this.end) {
				Element child = at(this.der, offset, this.end);
				children.add(child);
				offset = child.end;
			}
			return children;
		}

		byte[] content() {
			return Arrays.copyOfRange(this.der, this.start, this.end);
		}

	}

}
