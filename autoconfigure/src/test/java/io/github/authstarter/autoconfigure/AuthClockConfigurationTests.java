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
 * {@code authClock} bean, the application's where it declares one.
 */
class AuthClockConfigurationTests {

	private static final Clock OWN = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AuthAutoConfigurations.all())
		.withPropertyValues("auth.providers.google.client-id=g");

	@Test
	void withoutAClockOfItsOwnTheStarterReadsTheSystemClock() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("authClock");
			assertThat(context.getBean("authClock")).isEqualTo(Clock.systemUTC());
			assertThat(context.getBean(RequestedAuthentication.class).clock()).isEqualTo(Clock.systemUTC());
		});
	}

	@Test
	void anAuthClockOfTheApplicationsOwnIsTheStartersClock() {
		this.contextRunner.withBean("authClock", Clock.class, () -> OWN).run((context) -> {
			assertThat(context.getBean("authClock")).isSameAs(OWN);
			assertThat(context.getBean(RequestedAuthentication.class).clock()).isSameAs(OWN);
		});
	}

	@Test
	void theApplicationsOtherClocksAreLeftAloneAndNotUsed() {
		// a fixed clock kept for the application's own use would stop tokens from
		// expiring
		this.contextRunner.withBean("myClock", Clock.class, () -> OWN).run((context) -> {
			assertThat(context.getBean(Clock.class)).as("still the only one injected by type").isSameAs(OWN);
			assertThat(context.getBean(RequestedAuthentication.class).clock()).isEqualTo(Clock.systemUTC());
		});
		this.contextRunner.withBean("one", Clock.class, () -> OWN)
			.withBean("two", Clock.class, () -> Clock.offset(OWN, Duration.ofHours(1)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RequestedAuthentication.class).clock()).isEqualTo(Clock.systemUTC());
			});
	}

	@Test
	void theAuthTimeSkewIsAProperty() {
		Instant authTime = OWN.instant().minus(Duration.ofMinutes(5)).minusSeconds(20);
		this.contextRunner.withBean("authClock", Clock.class, () -> OWN)
			.run((context) -> assertThat(
					context.getBean(RequestedAuthentication.class).isWithin(authTime, Duration.ofMinutes(5)))
				.as("5 s by default")
				.isFalse());
		this.contextRunner.withBean("authClock", Clock.class, () -> OWN)
			.withPropertyValues("auth.login.auth-time-skew=30s")
			.run((context) -> assertThat(
					context.getBean(RequestedAuthentication.class).isWithin(authTime, Duration.ofMinutes(5)))
				.isTrue());
	}

	@Test
	void anAuthTimeSkewThatIsNegativeOrOverFiveMinutesFailsAtStartupNamingTheProperty() {
		for (String skew : new String[] { "-1s", "6m" }) {
			this.contextRunner.withPropertyValues("auth.login.auth-time-skew=" + skew)
				.run((context) -> assertThat(context.getStartupFailure())
					.hasStackTraceContaining("auth.login.auth-time-skew")
					.hasStackTraceContaining("must be between 0 and 5 minutes"));
		}
	}

}
