package io.github.authstarter.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.IssuerDiscovery;
import io.github.authstarter.provider.MetadataServer;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderEndpoints;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.provider.ResponseMode;
import io.github.authstarter.testbed.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class ProviderHealthIndicatorTests {

	private static final String JWKS = """
			{"keys":[{"kty":"RSA","kid":"k1","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}]}
			""";

	private final MetadataServer server = new MetadataServer();

	private final MutableClock clock = new MutableClock();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void unknownAndNoNetworkCallBeforeTheProviderIsFirstNeeded() {
		this.server.openIdDocument("/.well-known/openid-configuration", this.server.url());
		ProviderRegistrations registrations = repository(this.server.url());
		Health health = indicator(registrations).health();
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(this.server.requests()).isZero();
	}

	@Test
	void downWhileDiscoveryFails() {
		ProviderRegistrations registrations = repository("http://127.0.0.1:1");
		assertThatException().isThrownBy(() -> registrations.findByRegistrationId("corp"));
		Health health = indicator(registrations).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsKey("discovery");
	}

	@Test
	void upWithTheKeyCountAndOneJwksRequestPerInterval() {
		this.server.openIdDocument("/.well-known/openid-configuration", this.server.url());
		this.server.answer("/jwks", 200, JWKS);
		ProviderRegistrations registrations = repository(this.server.url());
		registrations.findByRegistrationId("corp");
		ProviderHealthIndicator indicator = indicator(registrations);
		int before = this.server.requests();
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("jwksKeys", 1).containsEntry("issuer", this.server.url());
		for (int i = 0; i < 20; i++) {
			indicator.health();
		}
		assertThat(this.server.requests()).isEqualTo(before + 1);
		this.clock.advance(Duration.ofSeconds(31));
		indicator.health();
		assertThat(this.server.requests()).isEqualTo(before + 2);
	}

	@Test
	void downWhenTheJwksFailsOrHasNoKeys() {
		this.server.openIdDocument("/.well-known/openid-configuration", this.server.url());
		this.server.answer("/jwks", 500, "{}");
		ProviderRegistrations registrations = repository(this.server.url());
		registrations.findByRegistrationId("corp");
		ProviderHealthIndicator indicator = indicator(registrations);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		this.server.answer("/jwks", 200, "{\"keys\":[]}");
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	private ProviderHealthIndicator indicator(ProviderRegistrations registrations) {
		return new ProviderHealthIndicator("corp", registrations,
				ProviderHttpClients.withTimeout(Duration.ofSeconds(1)), Duration.ofSeconds(30), this.clock);
	}

	private static ProviderRegistrations repository(String issuer) {
		ProviderDefinition definition = new ProviderDefinition("corp", "Corp", null, "client", "secret", null,
				ProviderEndpoints.builder().issuer(issuer).build(), issuer, true, Set.of("openid", "profile"), "sub",
				"{baseUrl}/login/oauth2/code/{registrationId}", Map.of(), true, ResponseMode.QUERY, null);
		return new DiscoveringClientRegistrationRepository(List.of(definition),
				new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1))), Duration.ofSeconds(1),
				Duration.ofSeconds(3), Duration.ZERO, Clock.systemUTC());
	}

}
