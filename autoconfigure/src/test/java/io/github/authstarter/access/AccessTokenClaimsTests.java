package io.github.authstarter.access;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.test.server.TestOpenIdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AccessTokenClaims} against a real provider's keys: only a token that
 * is the provider's own, for its issuer and not expired, yields claims.
 */
class AccessTokenClaimsTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@BeforeAll
	static void start() {
		provider.start();
	}

	@AfterAll
	static void stop() {
		provider.close();
	}

	@Test
	void aTokenSignedByTheProviderForItsIssuerYieldsItsClaims() {
		assertThat(claims().of(registration(), token(provider.signIdToken(valid())))).containsKey("realm_access");
	}

	@Test
	void aTokenThatDoesNotCheckOutYieldsNone() {
		Map<String, Object> foreignIssuer = valid();
		foreignIssuer.put("iss", "https://evil.example");
		Map<String, Object> expired = valid();
		expired.put("exp", Instant.now().minusSeconds(600).getEpochSecond());
		AccessTokenClaims claims = claims();
		assertThat(claims.of(registration(), token(provider.signWithUnknownKey(valid())))).isEmpty();
		assertThat(claims.of(registration(), token(provider.signWithForeignKeyUnderKnownKeyId(valid())))).isEmpty();
		assertThat(claims.of(registration(), token(provider.signIdToken(foreignIssuer)))).isEmpty();
		assertThat(claims.of(registration(), token(provider.signIdToken(expired)))).isEmpty();
		assertThat(claims.of(registration(), token("an-opaque-token"))).isEmpty();
	}

	@Test
	void keysThatCannotBeFetchedAreAnOutageNotAnEmptyAnswer() {
		provider.failJwks(true);
		try {
			assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> claims().of(registration(), token(provider.signIdToken(valid()))))
				.satisfies(
						(ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(AccessTokenClaims.KEYS_UNAVAILABLE));
		}
		finally {
			provider.failJwks(false);
		}
	}

	private static AccessTokenClaims claims() {
		return new AccessTokenClaims(new ProviderKeySets(ProviderHttpClients.withTimeout(Duration.ofSeconds(2)),
				(id) -> Duration.ofSeconds(30)));
	}

	private static Map<String, Object> valid() {
		Map<String, Object> claims = new HashMap<>();
		claims.put("iss", provider.issuer());
		claims.put("sub", "alice");
		claims.put("exp", Instant.now().plusSeconds(300).getEpochSecond());
		claims.put("realm_access", Map.of("roles", List.of("auditors")));
		return claims;
	}

	private static OAuth2AccessToken token(String value) {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, Instant.now(),
				Instant.now().plusSeconds(300));
	}

	private static ClientRegistration registration() {
		return ClientRegistration.withRegistrationId("kc")
			.clientId("c")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.authorizationUri(provider.issuer() + "/oauth2/authorize")
			.tokenUri(provider.issuer() + "/oauth2/token")
			.jwkSetUri(provider.issuer() + "/oauth2/jwks")
			.issuerUri(provider.issuer())
			.build();
	}

}
