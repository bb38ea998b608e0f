package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.authstarter.access.RequestedAuthentication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthClockConfiguration}: the starter reads the time from the
 * application's clock where it has one.
 */
class AuthClockConfigurationTests {

	private static final Clock OWN = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AuthAutoConfigurations.all())
		.withPropertyValues("auth.providers.google.client-id=g");

	@Test
	void withoutAClockOfItsOwnTheApplicationGetsTheSystemClock() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Clock.class).hasBean("authClock");
			assertThat(context.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
			assertThat(context.getBean(RequestedAuthentication.class).clock()).isEqualTo(Clock.systemUTC());
		});
	}

	@Test
	void theApplicationsClockIsTheStartersClock() {
		this.contextRunner.withBean("myClock", Clock.class, () -> OWN).run((context) -> {
			assertThat(context).hasSingleBean(Clock.class).doesNotHaveBean("authClock");
			assertThat(context.getBean(RequestedAuthentication.class).clock()).isSameAs(OWN);
		});
	}

	@Test
	void severalClocksOfTheApplicationsOwnLeaveTheStarterOnTheSystemClock() {
		this.contextRunner.withBean("one", Clock.class, () -> OWN)
			.withBean("two", Clock.class, () -> Clock.offset(OWN, Duration.ofHours(1)))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("authClock");
				assertThat(context.getBean(RequestedAuthentication.class).clock()).isEqualTo(Clock.systemUTC());
			});
	}

	@Test
	void theAuthTimeSkewIsAProperty() {
		Instant authTime = OWN.instant().minus(Duration.ofMinutes(5)).minusSeconds(20);
		this.contextRunner.withBean("myClock", Clock.class, () -> OWN)
			.run((context) -> assertThat(
					context.getBean(RequestedAuthentication.class).isWithin(authTime, Duration.ofMinutes(5)))
				.as("5 s by default")
				.isFalse());
		this.contextRunner.withBean("myClock", Clock.class, () -> OWN)
			.withPropertyValues("auth.login.auth-time-skew=30s")
			.run((context) -> assertThat(
					context.getBean(RequestedAuthentication.class).isWithin(authTime, Duration.ofMinutes(5)))
				.isTrue());
	}

}
