package io.github.authstarter.autoconfigure;

import java.util.Map;
import java.util.function.Function;

import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.CachingIdTokenDecoderFactory;
import io.github.authstarter.provider.IdTokenValidatorFactory;
import io.github.authstarter.provider.IssuerDiscovery;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

/**
 * Turns {@code auth.providers.*} into client registrations. Runs before Boot's OAuth2
 * client auto-configuration so Boot's in-memory registrations never win.
 */
@AutoConfiguration(before = OAuth2ClientAutoConfiguration.class)
@ConditionalOnClass(ClientRegistration.class)
@Conditional(AuthProvidersConfiguredCondition.class)
@EnableConfigurationProperties(AuthProperties.class)
@Import(AuthHttpConfiguration.class)
public final class AuthProvidersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IssuerDiscovery authIssuerDiscovery(ProviderHttpClients http) {
		return new IssuerDiscovery(http);
	}

	@Bean
	@ConditionalOnMissingBean(ClientRegistrationRepository.class)
	DiscoveringClientRegistrationRepository clientRegistrationRepository(AuthProperties properties,
			IssuerDiscovery discovery) {
		return new DiscoveringClientRegistrationRepository(new ProviderDefinitionMapper(properties).definitions(),
				discovery, properties.getDiscovery().getInitialBackoff(), properties.getDiscovery().getMaxBackoff(),
				properties.getDiscovery().getRefreshInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderKeySets authProviderKeySets(AuthProperties properties, ProviderHttpClients http) {
		Map<String, AuthProperties.Provider> providers = properties.getProviders();
		return new ProviderKeySets(http, (id) -> (providers.get(id) != null)
				? providers.get(id).getJwksRefetchInterval() : AuthProperties.Provider.DEFAULT_JWKS_REFETCH_INTERVAL);
	}

	@Bean
	@ConditionalOnMissingBean(name = "authIdTokenDecoderFactory")
	JwtDecoderFactory<ClientRegistration> authIdTokenDecoderFactory(
			ObjectProvider<DiscoveringClientRegistrationRepository> registrations, ProviderKeySets keySets) {
		DiscoveringClientRegistrationRepository repository = registrations.getIfAvailable();
		// with the application's own registrations, Spring Security's standard checks
		Function<ClientRegistration, OAuth2TokenValidator<Jwt>> validators = (repository != null)
				? new IdTokenValidatorFactory(repository)
				: (registration) -> new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
						new OidcIdTokenValidator(registration));
		return new CachingIdTokenDecoderFactory(validators, keySets);
	}

}
