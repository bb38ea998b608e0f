package io.github.authstarter.autoconfigure;

import io.github.authstarter.observation.AuthObservationConvention;
import io.github.authstarter.observation.AuthObservations;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the starter's operations are observed: the application's
 * {@link ObservationRegistry} (Boot's, with Actuator) and its
 * {@link AuthObservationConvention} if it declares one. Imported by
 * {@link AuthProvidersAutoConfiguration}; applications do not import it.
 */
@Configuration(proxyBeanMethods = false)
public final class AuthObservationConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuthObservations authObservations(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<AuthObservationConvention> convention, AuthProperties properties) {
		return new AuthObservations(registry.getIfAvailable(() -> ObservationRegistry.NOOP),
				convention.getIfAvailable(), properties.getProviders().keySet());
	}

}
