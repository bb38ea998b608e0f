package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.actuate.AuthEndpoint;
import io.github.authstarter.actuate.AuthMetrics;
import io.github.authstarter.actuate.ProviderHealthIndicator;
import io.github.authstarter.actuate.StoredProvidersHealthIndicator;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.TokenCipher;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Operations, each part only when the application has its library: Micrometer counters of
 * logins, refreshes and logouts; a health contributor {@code auth} with one indicator per
 * provider; the {@code auth} actuator endpoint.
 */
@AutoConfiguration(after = { AuthProvidersAutoConfiguration.class, AuthSessionAutoConfiguration.class })
@ConditionalOnBean(ProviderRegistrations.class)
public final class AuthActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AuthMetrics authMetrics(ObjectProvider<MeterRegistry> registry) {
			// counted from the observations, so nothing here may need the registry's
			// own dependencies (the providers' HTTP clients are observed too)
			return new AuthMetrics(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("auth")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "authHealthContributor")
		HealthContributor authHealthContributor(ProviderRegistrations registrations, AuthProperties properties,
				ProviderHttpClients http, @Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks,
				ObjectProvider<StoredProviders> stored) {
			Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
			for (ProviderDefinition definition : registrations.definitions()) {
				indicators.put(definition.registrationId(),
						new ProviderHealthIndicator(definition.registrationId(), registrations, http,
								properties.getHealth().getJwksCheckInterval(), AuthClockConfiguration.of(clocks)));
			}
			// the store's providers as one entry, however many there are
			stored.ifAvailable((providers) -> indicators.putIfAbsent("stored-providers",
					new StoredProvidersHealthIndicator(providers::snapshot, registrations)));
			return CompositeHealthContributor.fromMap(indicators);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(AuthEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AuthEndpoint authEndpoint(ProviderRegistrations registrations, ObjectProvider<TokenCipher> cipher) {
			return new AuthEndpoint(registrations, cipher.getIfAvailable(() -> TokenCipher.NONE));
		}

	}

}
