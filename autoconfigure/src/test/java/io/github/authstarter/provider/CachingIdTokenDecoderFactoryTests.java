package io.github.authstarter.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CachingIdTokenDecoderFactory}.
 */
class CachingIdTokenDecoderFactoryTests {

	private final List<String> validatedFor = new ArrayList<>();

	private final CachingIdTokenDecoderFactory factory = new CachingIdTokenDecoderFactory((registration) -> {
		this.validatedFor.add(registration.getClientId());
		return (jwt) -> OAuth2TokenValidatorResult.success();
	}, new ProviderKeySets(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)), (id) -> Duration.ofMinutes(1)));

	@Test
	void sameProviderGetsTheSameDecoder() {
		assertThat(this.factory.createDecoder(registration("client-a")))
			.isSameAs(this.factory.createDecoder(registration("client-a")));
		assertThat(this.validatedFor).containsExactly("client-a");
	}

	@Test
	void providerWhoseClientChangedGetsADecoderThatChecksTheNewAudience() {
		// a stored provider saved with another client id keeps its issuer and keys
		this.factory.createDecoder(registration("client-a"));
		this.factory.createDecoder(registration("client-b"));
		assertThat(this.validatedFor).containsExactly("client-a", "client-b");
	}

	private static ClientRegistration registration(String clientId) {
		return ClientRegistration.withRegistrationId("acme")
			.clientId(clientId)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.authorizationUri("https://acme.example/authorize")
			.tokenUri("https://acme.example/token")
			.jwkSetUri("https://acme.example/jwks")
			.issuerUri("https://acme.example")
			.build();
	}

}
