package io.github.authstarter.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;

/**
 * The health of one provider, from what the application already knows plus at most one
 * JWKS request per interval: {@code UNKNOWN} before the provider was first needed (no
 * network call is made for it), {@code DOWN} while its discovery fails, else {@code UP}
 * or {@code DOWN} by whether its JWKS answered with keys at the last check. Details name
 * the issuer and the key count; never a secret.
 */
public final class ProviderHealthIndicator implements HealthIndicator {

	private final String registrationId;

	private final ProviderRegistrations registrations;

	private final RestClient http;

	private final Duration interval;

	private final Clock clock;

	private @Nullable Health lastCheck;

	private Instant lastCheckAt = Instant.MIN;

	/**
	 * Creates the indicator.
	 * @param registrationId the provider id
	 * @param registrations the providers
	 * @param http the providers' HTTP clients, for the JWKS request
	 * @param interval how long a JWKS check result is reused
	 */
	public ProviderHealthIndicator(String registrationId, ProviderRegistrations registrations, ProviderHttpClients http,
			Duration interval) {
		this(registrationId, registrations, http, interval, Clock.systemUTC());
	}

	/**
	 * Creates the indicator.
	 * @param registrationId the provider
	 * @param registrations the providers
	 * @param http the providers' HTTP clients, for the JWKS request
	 * @param interval how long a JWKS check result is reused
	 * @param clock the starter's clock
	 */
	public ProviderHealthIndicator(String registrationId, ProviderRegistrations registrations, ProviderHttpClients http,
			Duration interval, Clock clock) {
		this.registrationId = registrationId;
		this.registrations = registrations;
		this.http = http.restClient(registrationId);
		this.interval = interval;
		this.clock = clock;
	}

	@Override
	public Health health() {
		ClientRegistration registration = this.registrations.findIfResolved(this.registrationId);
		if (registration == null) {
			String failure = this.registrations.discoveryFailure(this.registrationId);
			return (failure != null) ? Health.down().withDetail("discovery", failure).build()
					: Health.unknown().withDetail("discovery", "not needed yet (happens at the first login)").build();
		}
		String issuer = registration.getProviderDetails().getIssuerUri();
		String jwks = registration.getProviderDetails().getJwkSetUri();
		if (jwks == null) {
			return Health.up().withDetail("issuer", String.valueOf(issuer)).withDetail("jwks", "not used").build();
		}
		return checkedJwks(issuer, jwks);
	}

	private synchronized Health checkedJwks(@Nullable String issuer, String jwks) {
		Instant now = this.clock.instant();
		if (this.lastCheck != null && now.isBefore(this.lastCheckAt.plus(this.interval))) {
			return this.lastCheck;
		}
		Health.Builder health;
		try {
			String body = this.http.get().uri(jwks).retrieve().body(String.class);
			List<Object> keys = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse((body != null) ? body : "{}"),
					"keys");
			int count = (keys != null) ? keys.size() : 0;
			health = (count > 0) ? Health.up() : Health.down();
			health.withDetail("jwksKeys", count);
		}
		catch (Exception ex) {
			health = Health.down().withDetail("jwks", "unreachable (" + ex.getClass().getSimpleName() + ")");
		}
		this.lastCheck = health.withDetail("issuer", String.valueOf(issuer))
			.withDetails(Map.of("checkedAt", now.toString()))
			.build();
		this.lastCheckAt = now;
		return this.lastCheck;
	}

}
