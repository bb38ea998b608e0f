package io.github.authstarter.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AuthBuildTimeSwitches} and {@link AuthAheadOfTimeAutoConfiguration}.
 */
class AuthBuildTimeSwitchesTests {

	@Test
	void registeredWhateverIsConfiguredWithTheValuesSeenThen() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AuthAheadOfTimeAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(AuthBuildTimeSwitches.class);
				// eager even under spring.main.lazy-initialization: nothing else asks
				// for it
				assertThat(
						((AbstractBeanDefinition) context.getBeanFactory().getBeanDefinition("authBuildTimeSwitches"))
							.getLazyInit())
					.isFalse();
			});
	}

	@Test
	void theSameSwitchesStartWhateverElseChanged() {
		MockEnvironment build = new MockEnvironment().withProperty("auth.providers.demo.client-id", "placeholder")
			.withProperty("auth.tenants.resolution", "host");
		MockEnvironment started = new MockEnvironment().withProperty("auth.providers.corp.client-id", "real")
			.withProperty("auth.tenants.resolution", "HOST")
			.withProperty("auth.tenants.domain", "example.com")
			.withProperty("auth.web.pages.remember-provider", "true");
		switches(build).check(started);
	}

	@Test
	void aSwitchSetOnlyWhenTheApplicationStartsIsRefusedNamingIt() {
		MockEnvironment build = new MockEnvironment().withProperty("auth.providers.demo.client-id", "placeholder");
		MockEnvironment started = new MockEnvironment().withProperty("auth.providers.demo.client-id", "real")
			.withProperty("auth.tenants.resolution", "host");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> switches(build).check(started))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("auth.tenants.resolution"))
			.withMessageContaining("processed ahead of time");
	}

	@Test
	void valuesNoConditionAsksForDecideAsNoValueDoes() {
		MockEnvironment build = new MockEnvironment().withProperty("auth.tenants.resolution", "");
		switches(build).check(new MockEnvironment().withProperty("auth.tenants.resolution", "none"));
		// as a condition reads it: not "true" once a space is added
		MockEnvironment spaced = new MockEnvironment().withProperty("auth.refresh.on-request", "true ");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(
				() -> switches(spaced).check(new MockEnvironment().withProperty("auth.refresh.on-request", "true")));
	}

	@Test
	void theAuthHealthSwitchedOffOnlyWhenTheApplicationStartsIsRefused() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> switches(new MockEnvironment())
				.check(new MockEnvironment().withProperty("management.health.auth.enabled", "false")))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("management.health.auth.enabled"));
	}

	@Test
	void providersOnlyWhenTheApplicationStartsAreRefusedAsTheStarterIsOff() {
		MockEnvironment started = new MockEnvironment().withProperty("auth.providers.corp.client-id", "real");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> switches(new MockEnvironment()).check(started))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("auth.providers"));
		// and the other way round: a build with a provider started with none
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> switches(started).check(new MockEnvironment()));
	}

	private static AuthBuildTimeSwitches switches(MockEnvironment build) {
		return new AuthBuildTimeSwitches(AuthBuildTimeSwitches.encode(AuthBuildTimeSwitches.read(build)), build);
	}

}
