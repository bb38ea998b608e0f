package io.github.authstarter.autoconfigure;

import java.time.Clock;

import io.github.authstarter.flow.FlowSettings;
import io.github.authstarter.flow.LoginClientKeyResolver;
import io.github.authstarter.flow.LoginStartLimiter;
import io.github.authstarter.flow.RedisFlowStateRepository;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderProfiles;
import io.github.authstarter.provider.ProviderRegistrations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * The login: its flow state in Redis (so the callback works on any instance), the cap on
 * login starts, and the calls to the provider at the callback.
 */
@AutoConfiguration(after = { AuthProvidersAutoConfiguration.class, AuthSessionAutoConfiguration.class,
		DataRedisAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ StringRedisTemplate.class, OAuth2AuthorizedClientRepository.class })
@ConditionalOnBean(ProviderRegistrations.class)
@Import(AuthLoginConfiguration.class)
public final class AuthLoginAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LoginClientKeyResolver authLoginClientKeyResolver() {
		return LoginClientKeyResolver.remoteAddress();
	}

	@Bean
	@ConditionalOnMissingBean
	LoginStartLimiter authLoginStartLimiter(StringRedisTemplate redis, AuthProperties properties, FlowSettings flow,
			LoginClientKeyResolver clients, @Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		return new LoginStartLimiter(redis, properties.getFlow().getMaxStartsPerClientPerMinute(),
				properties.getFlow().getMaxStartsPerMinute(), flow.keyPrefix(), clients,
				AuthClockConfiguration.of(clocks));
	}

	@Bean
	@ConditionalOnMissingBean(AuthorizationRequestRepository.class)
	RedisFlowStateRepository authFlowStateRepository(StringRedisTemplate redis, FlowSettings settings,
			ProviderRegistrations registrations, ObjectProvider<ProviderProfiles> profiles,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		ProviderProfiles held = profiles.getIfAvailable(() -> ProviderProfiles.NONE);
		return new RedisFlowStateRepository(redis, settings, registrations, AuthClockConfiguration.of(clocks),
				(provider) -> held.of(provider) != null, (provider) -> {
					ProviderDefinition definition = registrations.definition(provider);
					return definition != null && definition.responseMode().signed();
				});
	}

}
