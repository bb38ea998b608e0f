package io.github.authstarter.provider;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.authstarter.testbed.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AppleClientSecret}: checked with the public key, and renewed well
 * before it expires.
 */
class AppleClientSecretTests {

	@Test
	void theSecretIsSignedByTheTeamsKeyAndRenewedAtHalfItsLifetime() throws Exception {
		KeyPair pair = ec("secp256r1");
		MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
		AppleClientSecret secret = new AppleClientSecret("TEAM123456", "KEY123", "com.example.web",
				(ECPrivateKey) pair.getPrivate(), clock);
		String first = secret.get();
		SignedJWT jwt = SignedJWT.parse(first);
		assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic()))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(clock.instant());
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
			.isEqualTo(clock.instant().plus(AppleClientSecret.LIFETIME));
		assertThat(AppleClientSecret.LIFETIME).isLessThanOrEqualTo(Duration.ofDays(180));
		clock.advance(AppleClientSecret.LIFETIME.dividedBy(2).minusSeconds(1));
		assertThat(secret.get()).as("still the first").isSameAs(first);
		clock.advance(Duration.ofSeconds(1));
		String renewed = secret.get();
		assertThat(renewed).isNotEqualTo(first);
		assertThat(SignedJWT.parse(renewed).getJWTClaimsSet().getExpirationTime().toInstant())
			.isEqualTo(clock.instant().plus(AppleClientSecret.LIFETIME));
		assertThat(secret.toString()).doesNotContain(first).contains("TEAM123456");
	}

	@Test
	void aKeyNotOnP256IsRefused() throws Exception {
		KeyPair pair = ec("secp384r1");
		assertThatIllegalArgumentException().isThrownBy(() -> new AppleClientSecret("TEAM", "KEY", "client",
				(ECPrivateKey) pair.getPrivate(), Clock.systemUTC()));
	}

	private static KeyPair ec(String curve) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec(curve));
		return generator.generateKeyPair();
	}

}
