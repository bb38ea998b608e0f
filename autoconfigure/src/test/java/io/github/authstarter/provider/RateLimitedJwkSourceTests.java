package io.github.authstarter.provider;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
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

	private static final Duration INTERVAL = Duration.ofSeconds(30);

	private static final Duration MAX_AGE = Duration.ofHours(24);

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
	void getWhenUnknownKeysStreamInThenNotFoundWithAtMostOneFetchPerInterval() throws Exception {
		publish(this.key);
		RateLimitedJwkSource source = source();
		source.get(selector("key-1"), null);
		assertThat(source.get(selector("made-up-first"), null)).as("one fetch again for a key not seen").isEmpty();
		for (int i = 0; i < 100; i++) {
			// the provider's set is in hand and lacks the key: the token is invalid, the
			// provider is not down
			assertThat(source.get(selector("made-up-" + i), null)).isEmpty();
		}
		assertThat(this.server.requests()).isEqualTo(2);
		this.clock.advance(INTERVAL.plusSeconds(1));
		assertThat(source.get(selector("made-up"), null)).isEmpty();
		assertThat(this.server.requests()).isEqualTo(3);
	}

	@Test
	void getWhenAnonymousTokensUsedUpTheirRefetchThenARotationIsStillFoundForTokensFromTheProvider() throws Exception {
		publish(this.key);
		RateLimitedJwkSource fromTheProvider = source();
		RateLimitedJwkSource anonymous = fromTheProvider.anotherLane();
		fromTheProvider.get(selector("key-1"), null);
		// a made-up key in a back-channel logout token takes the anonymous lane's refetch
		assertThat(anonymous.get(selector("made-up"), null)).isEmpty();
		assertThat(this.server.requests()).isEqualTo(2);
		publish(this.key, key("key-2"));
		// an id token from the token endpoint signed with the rotated key is still found
		assertThat(fromTheProvider.get(selector("key-2"), null)).hasSize(1);
		assertThat(this.server.requests()).isEqualTo(3);
		// and the lanes share what was fetched
		assertThat(anonymous.get(selector("key-2"), null)).hasSize(1);
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
	void getWhenKeySetCannotBeFetchedThenUnavailableWithoutRetryStorm() {
		this.server.answer("/jwks", 503, "");
		RateLimitedJwkSource source = source();
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(KeySetUnavailableException.class)
				.isThrownBy(() -> source.get(selector("key-1"), null))
				.satisfies((ex) -> assertThat(ex.maxAge()).isEqualTo(MAX_AGE));
		}
		assertThat(this.server.requests()).isEqualTo(1);
	}

	@Test
	void getWhenKeySetOlderThanMaxAgeThenFetchedAgain() throws Exception {
		publish(this.key);
		RateLimitedJwkSource source = source();
		source.get(selector("key-1"), null);
		this.clock.advance(MAX_AGE.minusSeconds(1));
		assertThat(source.get(selector("key-1"), null)).hasSize(1);
		assertThat(this.server.requests()).as("still trusted").isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(source.get(selector("key-1"), null)).hasSize(1);
		assertThat(this.server.requests()).as("past the max age").isEqualTo(2);
		assertThat(source.get(selector("key-1"), null)).hasSize(1);
		assertThat(this.server.requests()).as("trusted again").isEqualTo(2);
	}

	@Test
	void getWhenKeySetOlderThanMaxAgeCannotBeFetchedThenUnavailableWithoutRetryStorm() throws Exception {
		publish(this.key);
		RateLimitedJwkSource source = source();
		source.get(selector("key-1"), null);
		this.server.answer("/jwks", 503, "");
		this.clock.advance(MAX_AGE.plusSeconds(1));
		for (int i = 0; i < 10; i++) {
			// the key is in the old set, but a withdrawn key must not be trusted for ever
			assertThatExceptionOfType(KeySetUnavailableException.class)
				.isThrownBy(() -> source.get(selector("key-1"), null));
		}
		assertThat(this.server.requests()).isEqualTo(2);
		publish(this.key);
		this.clock.advance(INTERVAL.plusSeconds(1));
		assertThat(source.get(selector("key-1"), null)).hasSize(1);
		assertThat(this.server.requests()).isEqualTo(3);
	}

	@Test
	void getWhenFetchForAnUnknownKeyFailsThenUnavailableUntilTheIntervalPasses() throws Exception {
		publish(this.key);
		RateLimitedJwkSource source = source();
		source.get(selector("key-1"), null);
		this.server.answer("/jwks", 503, "");
		// a rotation while the provider's key service is down: not a forgery
		assertThatExceptionOfType(KeySetUnavailableException.class)
			.isThrownBy(() -> source.get(selector("key-2"), null));
		assertThatExceptionOfType(KeySetUnavailableException.class)
			.isThrownBy(() -> source.get(selector("key-2"), null));
		assertThat(source.get(selector("key-1"), null)).as("known keys still work").hasSize(1);
		assertThat(this.server.requests()).isEqualTo(2);
		publish(this.key, key("key-2"));
		this.clock.advance(INTERVAL.plusSeconds(1));
		assertThat(source.get(selector("key-2"), null)).hasSize(1);
		assertThat(this.server.requests()).isEqualTo(3);
	}

	@Test
	void ofWhenDiscoveryNamesANewJwksUriThenANewKeySet() throws Exception {
		ProviderKeySets keySets = new ProviderKeySets(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)),
				(id) -> INTERVAL, (id) -> MAX_AGE, this.clock);
		assertThat(keySets.of("corp", this.server.url() + "/jwks"))
			.isSameAs(keySets.of("corp", this.server.url() + "/jwks"));
		assertThat(keySets.of("corp", this.server.url() + "/jwks-2"))
			.isNotSameAs(keySets.of("corp", this.server.url() + "/jwks"));
	}

	@Test
	void ofWhenMaxAgeSetPerProviderThenEachKeySetExpiresAfterItsOwn() throws Exception {
		publish(this.key);
		ProviderKeySets keySets = new ProviderKeySets(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)),
				(id) -> INTERVAL, (id) -> "short".equals(id) ? Duration.ofMinutes(5) : MAX_AGE, this.clock);
		JWKSource<SecurityContext> shortLived = keySets.of("short", this.server.url() + "/jwks");
		JWKSource<SecurityContext> longLived = keySets.of("long", this.server.url() + "/jwks");
		shortLived.get(selector("key-1"), null);
		longLived.get(selector("key-1"), null);
		this.clock.advance(Duration.ofMinutes(6));
		shortLived.get(selector("key-1"), null);
		longLived.get(selector("key-1"), null);
		assertThat(this.server.requests()).as("only the short-lived set was fetched again").isEqualTo(3);
	}

	private RateLimitedJwkSource source() {
		return new RateLimitedJwkSource(this.server.url() + "/jwks", new RestTemplate(), INTERVAL, MAX_AGE, this.clock);
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
