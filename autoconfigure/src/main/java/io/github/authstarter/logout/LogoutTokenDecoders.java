package io.github.authstarter.logout;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.authstarter.provider.JwtRejectionReason;
import io.github.authstarter.provider.ProviderKeySets;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Decodes back-channel logout tokens with each provider's keys (shared with the ID token
 * decoders) and checks them with {@link LogoutTokenValidator} on the starter's clock.
 */
public final class LogoutTokenDecoders {

	private final ProviderKeySets keySets;

	private final Clock clock;

	private final Function<String, Set<SignatureAlgorithm>> algorithms;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	/**
	 * Creates the decoders.
	 * @param keySets the providers' key sets
	 * @param clock the starter's clock, which logout tokens' times are checked against
	 */
	public LogoutTokenDecoders(ProviderKeySets keySets, Clock clock) {
		this(keySets, clock, (id) -> Set.of(SignatureAlgorithm.RS256));
	}

	/**
	 * Creates the decoders.
	 * @param keySets the providers' key sets
	 * @param clock the starter's clock, which logout tokens' times are checked against
	 * @param algorithms the signature algorithms accepted, by provider id (those its ID
	 * tokens are held to)
	 */
	public LogoutTokenDecoders(ProviderKeySets keySets, Clock clock,
			Function<String, Set<SignatureAlgorithm>> algorithms) {
		this.keySets = keySets;
		this.clock = clock;
		this.algorithms = algorithms;
	}

	/**
	 * Decodes and checks a logout token.
	 * @param registration the provider that sent it
	 * @param token the {@code logout_token}
	 * @return the token
	 * @throws InvalidLogoutTokenException when it is not the provider's valid logout
	 * token
	 */
	Jwt decode(ClientRegistration registration, String token) {
		String jwkSetUri = registration.getProviderDetails().getJwkSetUri();
		// a provider whose discovery names a new jwks_uri or issuer gets a new decoder;
		// keyed by configured providers only, so the map stays as small as their list
		JwtDecoder decoder = this.decoders.computeIfAbsent(registration.getRegistrationId() + " " + jwkSetUri + " "
				+ registration.getProviderDetails().getIssuerUri(), (key) -> {
					NimbusJwtDecoder nimbus = NimbusJwtDecoder
						.withJwkSource(this.keySets.forAnonymousTokens(registration.getRegistrationId(), jwkSetUri))
						.jwsAlgorithms(
								(accepted) -> accepted.addAll(this.algorithms.apply(registration.getRegistrationId())))
						.build();
					nimbus.setJwtValidator(new LogoutTokenValidator(registration, this.clock));
					return nimbus;
				});
		try {
			return decoder.decode(token);
		}
		catch (JwtValidationException ex) {
			throw new InvalidLogoutTokenException(ex.getErrors().iterator().next().getDescription());
		}
		catch (JwtException ex) {
			throw new InvalidLogoutTokenException(
					"the logout_token is not a valid signed JWT of the provider (" + JwtRejectionReason.of(ex) + ")");
		}
	}

}
