package io.github.authstarter.autoconfigure;

import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.IdTokenValidatorFactory;
import io.github.authstarter.provider.IssuerDiscovery;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
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
public final class AuthProvidersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IssuerDiscovery authIssuerDiscovery(AuthProperties properties) {
		return new IssuerDiscovery(properties.getDiscovery().getConnectTimeout(),
				properties.getDiscovery().getReadTimeout());
	}

	@Bean
	@ConditionalOnMissingBean(ClientRegistrationRepository.class)
	DiscoveringClientRegistrationRepository clientRegistrationRepository(AuthProperties properties,
			IssuerDiscovery discovery) {
		return new DiscoveringClientRegistrationRepository(new ProviderDefinitionMapper(properties).definitions(),
				discovery, properties.getDiscovery().getInitialBackoff(), properties.getDiscovery().getMaxBackoff());
	}

	@Bean
	@ConditionalOnMissingBean(name = "authIdTokenDecoderFactory")
	JwtDecoderFactory<ClientRegistration> authIdTokenDecoderFactory(
			ObjectProvider<DiscoveringClientRegistrationRepository> registrations) {
		OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
		DiscoveringClientRegistrationRepository repository = registrations.getIfAvailable();
		if (repository != null) {
			factory.setJwtValidatorFactory(new IdTokenValidatorFactory(repository));
		}
		return factory;
	}

}
