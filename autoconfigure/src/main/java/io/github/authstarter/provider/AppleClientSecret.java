package io.github.authstarter.provider;

import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Sign in with Apple's client secret: a JWT signed with the team's ES256 key ({@code iss}
 * the team id, {@code sub} the services id, {@code aud}
 * {@code https://appleid.apple.com}, {@code kid} the key id), which Apple accepts for at
 * most six months. Generated on first use, kept, and generated anew once half its
 * lifetime has passed, so a secret never expires in use and nobody signs one by hand.
 */
public final class AppleClientSecret implements Supplier<String> {

	/** How long a generated secret is valid; Apple allows up to six months. */
	static final Duration LIFETIME = Duration.ofDays(1);

	private static final String AUDIENCE = "https://appleid.apple.com";

	private final String teamId;

	private final String keyId;

	private final String clientId;

	private final ECDSASigner signer;

	private final Clock clock;

	private volatile Generated current;

	/**
	 * Creates the generator.
	 * @param teamId the Apple team id
	 * @param keyId the key's id
	 * @param clientId the services id (the client id)
	 * @param key the key (P-256)
	 * @throws IllegalArgumentException when the key cannot sign ES256
	 */
	public AppleClientSecret(String teamId, String keyId, String clientId, ECPrivateKey key) {
		this(teamId, keyId, clientId, key, Clock.systemUTC());
	}

	/**
	 * Creates the generator.
	 * @param teamId the Apple team id
	 * @param keyId the key's id
	 * @param clientId the services id (the client id)
	 * @param key the key (P-256)
	 * @param clock the starter's clock, which the secrets are stamped with
	 * @throws IllegalArgumentException when the key cannot sign ES256
	 */
	public AppleClientSecret(String teamId, String keyId, String clientId, ECPrivateKey key, Clock clock) {
		this.teamId = teamId;
		this.keyId = keyId;
		this.clientId = clientId;
		this.clock = clock;
		try {
			this.signer = new ECDSASigner(key);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("The key cannot sign ES256: " + ex.getMessage(), ex);
		}
		if (!this.signer.supportedJWSAlgorithms().contains(JWSAlgorithm.ES256)) {
			throw new IllegalArgumentException("The key is not a P-256 key, which ES256 needs");
		}
		this.current = generate();
	}

	@Override
	public String get() {
		Generated generated = this.current;
		if (this.clock.instant().isBefore(generated.renewAt())) {
			return generated.value();
		}
		synchronized (this) {
			if (!this.clock.instant().isBefore(this.current.renewAt())) {
				this.current = generate();
			}
			return this.current.value();
		}
	}

	private Generated generate() {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.teamId)
			.subject(this.clientId)
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(LIFETIME)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.keyId).build(), claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign Apple's client secret", ex);
		}
		return new Generated(jwt.serialize(), now.plus(LIFETIME.dividedBy(2)));
	}

	@Override
	public String toString() {
		return "AppleClientSecret[team=" + this.teamId + ", key=" + this.keyId + "]";
	}

	private record Generated(String value, Instant renewAt) {
	}

}
