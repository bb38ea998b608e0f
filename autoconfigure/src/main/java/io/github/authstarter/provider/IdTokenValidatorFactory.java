package io.github.authstarter.provider;

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

	private final DiscoveringClientRegistrationRepository registrations;

	/**
	 * Creates a factory.
	 * @param registrations the providers
	 */
	public IdTokenValidatorFactory(DiscoveringClientRegistrationRepository registrations) {
		this.registrations = registrations;
	}

	@Override
	public OAuth2TokenValidator<Jwt> apply(ClientRegistration registration) {
		OAuth2TokenValidator<Jwt> standard = new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new OidcIdTokenValidator(registration));
		ProviderDefinition definition = this.registrations.definition(registration.getRegistrationId());
		if (definition == null || !definition.endpoints().templatedIssuer()) {
			return standard;
		}
		MicrosoftTenant tenant = MicrosoftTenant.of(definition.tenant());
		return new DelegatingOAuth2TokenValidator<>(standard,
				new TemplatedIssuerValidator(definition.endpoints().issuer(), tenant::admits));
	}

}
