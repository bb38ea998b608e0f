package io.github.authstarter.provider;

import java.time.Clock;
import java.util.function.Function;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * Spring Security's id token validation, plus the issuer check of multi-tenant providers
 * whose registration carries an issuer template.
 */
public final class IdTokenValidatorFactory implements Function<ClientRegistration, OAuth2TokenValidator<Jwt>> {

	private final ProviderRegistrations registrations;

	private final Clock clock;

	/**
	 * Creates a factory.
	 * @param registrations the providers
	 * @param clock the clock expiry and issue times are checked against
	 */
	public IdTokenValidatorFactory(ProviderRegistrations registrations, Clock clock) {
		this.registrations = registrations;
		this.clock = clock;
	}

	/**
	 * Spring Security's own checks of an id token, on the given clock.
	 * @param registration the provider's registration
	 * @param clock the clock
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> standard(ClientRegistration registration, Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setClock(clock);
		OidcIdTokenValidator idToken = new OidcIdTokenValidator(registration);
		idToken.setClock(clock);
		return new DelegatingOAuth2TokenValidator<>(timestamps, idToken);
	}

	@Override
	public OAuth2TokenValidator<Jwt> apply(ClientRegistration registration) {
		OAuth2TokenValidator<Jwt> standard = standard(registration, this.clock);
		ProviderDefinition definition = this.registrations.definition(registration.getRegistrationId());
		if (definition == null || !definition.endpoints().templatedIssuer()) {
			return standard;
		}
		MicrosoftTenant tenant = MicrosoftTenant.of(definition.tenant());
		return new DelegatingOAuth2TokenValidator<>(standard,
				new TemplatedIssuerValidator(definition.endpoints().issuer(), tenant::admits));
	}

}
