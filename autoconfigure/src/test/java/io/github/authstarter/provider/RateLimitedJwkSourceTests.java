package io.github.authstarter.provider;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.authstarter.testbed.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RateLimitedJwkSource} and {@link ProviderKeySets}.
 */
class RateLimitedJwkSourceTests {

	private final MetadataServer server = new MetadataServer();

	private final MutableClock clock = new MutableClock();

	private final RSAKey key = key("key-1");

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void getWhenKeyKnownThenFetchedOnce() throws Exception {
		publish(this.key);
		RateLimitedJwkSource source = source();
		for (int i = 0; i < 5; i++) {
			assertThat(source.get(selector("key-1"), null)).hasSize(1);
		}
		assertThat(this.server.requests()).isEqualTo(1);
	}

	@Test
	void getWhenUnknownKeysStreamInThenAtMostOneFetchPerInterval() throws Exception {
		publish(this.key);
		RateLimitedJwkSource source = source();
		source.get(selector("key-1"), null);
		assertThat(source.get(selector("made-up-first"), null)).as("one fetch again for a key not seen").isEmpty();
		for (int i = 0; i < 100; i++) {
			assertThatExceptionOfType(RemoteKeySourceException.class)
				.isThrownBy(() -> source.get(selector("made-up-" + Math.random()), null));
		}
		assertThat(this.server.requests()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(source.get(selector("made-up"), null)).isEmpty();
		assertThat(this.server.requests()).isEqualTo(3);
	}

	@Test
	void getWhenProviderRotatedThenNewKeyFoundAfterTheInterval() throws Exception {
		publish(this.key);
		RateLimitedJwkSource source = source();
		source.get(selector("key-1"), null);
		publish(this.key, key("key-2"));
		// right after the first fetch: the first fetch does not use up the allowance
		assertThat(source.get(selector("key-2"), null)).hasSize(1);
		assertThat(source.get(selector("key-1"), null)).hasSize(1);
		assertThat(this.server.requests()).isEqualTo(2);
	}

	@Test
	void getWhenKeySetCannotBeFetchedThenRemoteKeySourceExceptionWithoutRetryStorm() {
		this.server.answer("/jwks", 503, "");
		RateLimitedJwkSource source = source();
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(RemoteKeySourceException.class)
				.isThrownBy(() -> source.get(selector("key-1"), null));
		}
		assertThat(this.server.requests()).isEqualTo(1);
	}

	@Test
	void ofWhenDiscoveryNamesANewJwksUriThenANewKeySet() throws Exception {
		ProviderKeySets keySets = new ProviderKeySets(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)),
				(id) -> Duration.ofSeconds(30), this.clock);
		assertThat(keySets.of("corp", this.server.url() + "/jwks"))
			.isSameAs(keySets.of("corp", this.server.url() + "/jwks"));
		assertThat(keySets.of("corp", this.server.url() + "/jwks-2"))
			.isNotSameAs(keySets.of("corp", this.server.url() + "/jwks"));
	}

	private RateLimitedJwkSource source() {
		return new RateLimitedJwkSource(this.server.url() + "/jwks", new RestTemplate(), Duration.ofSeconds(30),
				this.clock);
	}

	private void publish(RSAKey... keys) {
		this.server.answer("/jwks", 200, new JWKSet(List.of(keys)).toString());
	}

	private static JWKSelector selector(String keyId) {
		return new JWKSelector(new JWKMatcher.Builder().keyID(keyId).build());
	}

	private static RSAKey key(String id) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic()).keyID(id).build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
