package io.github.authstarter.autoconfigure;

import io.github.authstarter.actuate.AuthEndpoint;
import io.github.authstarter.actuate.AuthMetrics;
import io.github.authstarter.observation.AuthObservationContext;
import io.github.authstarter.observation.AuthObservationConvention;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.observation.AuthOperation;
import io.github.authstarter.observation.DefaultAuthObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class AuthActuatorAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(AuthProvidersAutoConfiguration.class, AuthActuatorAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void countsHealthAndEndpointWithProviders() {
		this.contextRunner
			.withPropertyValues("auth.providers.corp.issuer-uri=http://127.0.0.1:1", "auth.providers.corp.client-id=c",
					"management.endpoints.web.exposure.include=auth")
			.run((context) -> {
				assertThat(context).hasSingleBean(AuthMetrics.class);
				assertThat(context).hasSingleBean(AuthEndpoint.class);
				CompositeHealthContributor health = context.getBean("authHealthContributor",
						CompositeHealthContributor.class);
				assertThat(((HealthIndicator) health.getContributor("corp")).health().getStatus())
					.isEqualTo(Status.UNKNOWN);
				assertThat(context.getBean(AuthEndpoint.class).auth()).containsEntry("tokensEncryptedAtRest", false);
			});
	}

	@Test
	void observesWithTheApplicationsConvention() {
		AuthObservationConvention mine = new DefaultAuthObservationConvention();
		this.contextRunner
			.withPropertyValues("auth.providers.corp.issuer-uri=http://127.0.0.1:1", "auth.providers.corp.client-id=c")
			.withBean(AuthObservationConvention.class, () -> mine)
			.run((context) -> assertThat(context.getBean(AuthObservations.class)).extracting("convention")
				.isSameAs(mine));
	}

	@Test
	void bootsPropertyTurnsTheObservationsAndTheirCountersOff() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withPropertyValues("auth.providers.corp.issuer-uri=http://127.0.0.1:1", "auth.providers.corp.client-id=c",
					"management.observations.enable.auth=false")
			.run((context) -> {
				AuthObservations observations = context.getBean(AuthObservations.class);
				assertThat(observations.start(observations.context(AuthOperation.REFRESH, "corp")).isNoop()).isTrue();
			});
		this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withPropertyValues("auth.providers.corp.issuer-uri=http://127.0.0.1:1", "auth.providers.corp.client-id=c")
			.run((context) -> {
				AuthObservations observations = context.getBean(AuthObservations.class);
				AuthObservationContext refresh = observations.context(AuthOperation.REFRESH, "corp");
				observations.observe(refresh, () -> {
					refresh.outcome("refreshed");
					return refresh;
				});
				assertThat(context.getBean(MeterRegistry.class).get("auth.refreshes").counter().count())
					.as("AuthMetrics is one of the registry's handlers")
					.isEqualTo(1);
			});
	}

	@Test
	void backsOffWithoutProviders() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(AuthMetrics.class);
			assertThat(context).doesNotHaveBean("authHealthContributor");
		});
	}

	@Test
	void backsOffPartByPart() {
		this.contextRunner
			.withPropertyValues("auth.providers.corp.issuer-uri=http://127.0.0.1:1", "auth.providers.corp.client-id=c",
					"management.health.auth.enabled=false")
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AuthMetrics.class);
				assertThat(context).doesNotHaveBean("authHealthContributor");
				assertThat(context).doesNotHaveBean(AuthEndpoint.class);
			});
	}

}
