package io.github.authstarter.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.IssuerDiscovery;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderEndpoints;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ResponseMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link StoredProvidersHealthIndicator}.
 */
class StoredProvidersHealthIndicatorTests {

	@Test
	@SuppressWarnings("unchecked")
	void manyProvidersAreOneEntryNamingAFewThatFail() {
		List<ProviderDefinition> down = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			down.add(definition("tenant-" + i));
		}
		DiscoveringClientRegistrationRepository registrations = new DiscoveringClientRegistrationRepository(down,
				new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1))), Duration.ofMinutes(1),
				Duration.ofMinutes(1), Duration.ZERO, Clock.systemUTC());
		List<String> ids = down.stream().map(ProviderDefinition::registrationId).toList();
		ids.forEach((id) -> assertThatException().isThrownBy(() -> registrations.findByRegistrationId(id)));
		Health health = new StoredProvidersHealthIndicator(
				() -> new StoredProvidersHealthIndicator.Snapshot(10_000, 9_990, ids), registrations)
			.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("stored", 10_000)
			.containsEntry("enabled", 9_990)
			.containsEntry("inUse", 12)
			.containsEntry("discoveryFailing", 12);
		assertThat(ids).containsAll((List<String>) health.getDetails().get("failing"));
		assertThat((List<?>) health.getDetails().get("failing")).hasSize(10);
		assertThat(health.getDetails().toString()).doesNotContain("127.0.0.1");
	}

	@Test
	void storeThatCannotBeReadIsDown() {
		Health health = new StoredProvidersHealthIndicator(() -> {
			throw new IllegalStateException("down");
		}, new DiscoveringClientRegistrationRepository(List.of(),
				new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1))), Duration.ofMinutes(1),
				Duration.ofMinutes(1), Duration.ZERO, Clock.systemUTC()))
			.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
	}

	private static ProviderDefinition definition(String id) {
		String issuer = "http://127.0.0.1:1/" + id;
		return new ProviderDefinition(id, id, null, "client", "secret", null,
				ProviderEndpoints.builder().issuer(issuer).build(), issuer, true, Set.of("openid"), "sub",
				"{baseUrl}/login/oauth2/code/{registrationId}", Map.of(), true, ResponseMode.QUERY, null);
	}

}
