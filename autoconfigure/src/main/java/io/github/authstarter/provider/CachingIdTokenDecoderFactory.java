package io.github.authstarter.provider;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.converter.ClaimTypeConverter;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Id token decoders (RS256, or what the provider's profile allows; keys from the
 * provider's shared {@link ProviderKeySets}) kept per provider. Spring Security's
 * {@link OidcIdTokenDecoderFactory} builds a new decoder for every login and every
 * refresh, each with its own key cache and without timeouts; a kept decoder reuses the
 * provider's key set, fetched through a bounded client and again only for a key it has
 * not seen, at most once per interval.
 */
public final class CachingIdTokenDecoderFactory implements JwtDecoderFactory<ClientRegistration> {

	private final Function<ClientRegistration, OAuth2TokenValidator<Jwt>> validators;

	private final ProviderKeySets keySets;

	private final Function<String, Set<SignatureAlgorithm>> algorithms;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	/**
	 * Creates the factory.
	 * @param validators the id token validator of each provider
	 * @param keySets the providers' key sets
	 */
	public CachingIdTokenDecoderFactory(Function<ClientRegistration, OAuth2TokenValidator<Jwt>> validators,
			ProviderKeySets keySets) {
		this(validators, keySets, (id) -> Set.of(SignatureAlgorithm.RS256));
	}

	/**
	 * Creates the factory.
	 * @param validators the id token validator of each provider
	 * @param keySets the providers' key sets
	 * @param algorithms the signature algorithms accepted, by provider id
	 */
	public CachingIdTokenDecoderFactory(Function<ClientRegistration, OAuth2TokenValidator<Jwt>> validators,
			ProviderKeySets keySets, Function<String, Set<SignatureAlgorithm>> algorithms) {
		this.validators = validators;
		this.keySets = keySets;
		this.algorithms = algorithms;
	}

	@Override
	public JwtDecoder createDecoder(ClientRegistration registration) {
		String jwkSetUri = registration.getProviderDetails().getJwkSetUri();
		if (!StringUtils.hasText(jwkSetUri)) {
			OAuth2Error error = new OAuth2Error("missing_signature_verifier",
					"Provider '" + registration.getRegistrationId() + "' publishes no JWKS to check id tokens with",
					null);
			throw new OAuth2AuthenticationException(error, error.toString());
		}
		// a re-discovered provider with another JWKS or issuer gets a new decoder, and a
		// stored provider saved with another client id one that checks the new audience
		String key = registration.getRegistrationId() + " " + jwkSetUri + " "
				+ registration.getProviderDetails().getIssuerUri() + " " + registration.getClientId();
		return this.decoders.computeIfAbsent(key, (ignored) -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder
				.withJwkSource(this.keySets.of(registration.getRegistrationId(), jwkSetUri))
				.jwsAlgorithms((accepted) -> accepted.addAll(this.algorithms.apply(registration.getRegistrationId())))
				.build();
			decoder.setJwtValidator(this.validators.apply(registration));
			decoder.setClaimSetConverter(
					new ClaimTypeConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters()));
			return decoder;
		});
	}

}
