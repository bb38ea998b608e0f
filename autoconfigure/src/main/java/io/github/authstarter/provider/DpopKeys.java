package io.github.authstarter.provider;

import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * A sign-in's DPoP key pair as text: an ES256 (P-256) private JWK, what the flow and
 * session records keep sealed. A key that does not parse is refused without the parser's
 * words, which may quote it.
 */
public final class DpopKeys {

	private DpopKeys() {
	}

	/**
	 * A new key pair.
	 * @return the key pair as a private JWK
	 */
	public static String generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).generate().toJSONString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a DPoP key", ex);
		}
	}

	/**
	 * The key's JWK SHA-256 thumbprint, the authorization request's {@code dpop_jkt}.
	 * @param key the key pair as a private JWK
	 * @return the thumbprint
	 * @throws IllegalArgumentException when it is no key
	 */
	public static String thumbprint(String key) {
		try {
			return parse(key).computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("not a DPoP key");
		}
	}

	static ECKey parse(String key) {
		try {
			return ECKey.parse(key);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("not a DPoP key");
		}
	}

}
