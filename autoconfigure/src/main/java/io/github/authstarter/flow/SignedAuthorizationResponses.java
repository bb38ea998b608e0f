package io.github.authstarter.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.authstarter.provider.JwtRejectionReason;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.provider.ProviderRegistrations;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Opens a signed authorization response (JARM, {@code response_mode=jwt}): the
 * {@code response} JWT's signature is checked against the provider's keys, then that its
 * {@code iss} is the provider, its {@code aud} this client and its {@code exp} still
 * ahead, before any of its parameters is read. Anyone can send a callback, so the key
 * set's allowance for unknown keys is the anonymous one.
 */
public final class SignedAuthorizationResponses {

	/** How far the provider's clock may be off; a response lives for seconds. */
	private static final Duration SKEW = Duration.ofSeconds(30);

	/**
	 * The callback's request attribute naming the provider whose signed response was
	 * opened: the flow's check requires it for a provider that signs, so no path the
	 * opening filter did not see (an encoded callback path, say) takes a plain response.
	 */
	public static final String OPENED_ATTRIBUTE = SignedAuthorizationResponses.class.getName() + ".opened";

	private static final Set<String> PARAMETERS = Set.of("code", "state", "error", "error_description", "error_uri");

	private final ProviderRegistrations registrations;

	private final ProviderKeySets keySets;

	private final Function<String, Set<SignatureAlgorithm>> algorithms;

	private final Clock clock;

	/** One per provider and key set: bounded by the configured providers. */
	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	/**
	 * Creates the checks.
	 * @param registrations the providers
	 * @param keySets the providers' key sets
	 * @param algorithms the signature algorithms accepted, by provider id
	 * @param clock the clock {@code exp} is read against
	 */
	public SignedAuthorizationResponses(ProviderRegistrations registrations, ProviderKeySets keySets,
			Function<String, Set<SignatureAlgorithm>> algorithms, Clock clock) {
		this.registrations = registrations;
		this.keySets = keySets;
		this.algorithms = algorithms;
		this.clock = clock;
	}

	/**
	 * Whether the provider answers with signed responses.
	 * @param registrationId the provider id
	 * @return whether its response mode is a JWT one
	 */
	public boolean signedFor(String registrationId) {
		ProviderDefinition definition = this.registrations.definition(registrationId);
		return definition != null && definition.responseMode().signed();
	}

	/**
	 * The authorization response a {@code response} JWT carries.
	 * @param registrationId the provider id
	 * @param response the {@code response} parameter, or {@code null}
	 * @return its parameters ({@code code}, {@code state}, {@code iss}, or the error's)
	 * @throws InvalidSignedResponseException naming why it cannot be trusted (with the
	 * cause when the provider's keys cannot be fetched)
	 * @throws io.github.authstarter.provider.ProviderUnavailableException when the
	 * provider's metadata cannot be fetched
	 */
	public Map<String, String> open(String registrationId, @Nullable String response) {
		if (response == null || response.isEmpty()) {
			throw new InvalidSignedResponseException("no signed response");
		}
		ClientRegistration registration = this.registrations.findByRegistrationId(registrationId);
		if (registration == null || registration.getProviderDetails().getJwkSetUri() == null
				|| registration.getProviderDetails().getIssuerUri() == null) {
			throw new InvalidSignedResponseException("no issuer or key set known");
		}
		Jwt jwt;
		try {
			jwt = decoder(registration).decode(response);
		}
		catch (JwtException ex) {
			throw new InvalidSignedResponseException(JwtRejectionReason.of(ex), ex);
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String name : PARAMETERS) {
			if (jwt.getClaims().get(name) instanceof String value) {
				parameters.put(name, value);
			}
		}
		parameters.put("iss", jwt.getClaimAsString("iss"));
		return parameters;
	}

	private JwtDecoder decoder(ClientRegistration registration) {
		String id = registration.getRegistrationId();
		String jwkSetUri = registration.getProviderDetails().getJwkSetUri();
		String issuer = registration.getProviderDetails().getIssuerUri();
		String key = id + " " + jwkSetUri + " " + issuer;
		return this.decoders.computeIfAbsent(key, (ignored) -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(this.keySets.forAnonymousTokens(id, jwkSetUri))
				.jwsAlgorithms((accepted) -> accepted.addAll(this.algorithms.apply(id)))
				.build();
			JwtTimestampValidator timestamps = new JwtTimestampValidator(SKEW);
			timestamps.setClock(this.clock);
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(issuer),
					new JwtClaimValidator<Instant>("exp", Objects::nonNull), new JwtClaimValidator<List<String>>("aud",
							(audience) -> audience != null && audience.contains(registration.getClientId()))));
			return decoder;
		});
	}

}
