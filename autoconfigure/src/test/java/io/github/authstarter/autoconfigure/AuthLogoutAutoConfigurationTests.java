package io.github.authstarter.autoconfigure;

import java.time.Duration;

import io.github.authstarter.logout.NewestSessionRecord;
import io.github.authstarter.logout.SessionRevoker;
import io.github.authstarter.logout.TokenRevoker;
import io.github.authstarter.logout.UserSessions;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.SessionRefreshLock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthLogoutAutoConfiguration}.
 */
class AuthLogoutAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AuthAutoConfigurations.all())
		.withPropertyValues("auth.providers.google.client-id=g");

	@Test
	void endedSessionsHaveTheirRefreshTokenRevoked() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SessionRevoker.class);
			assertThat(context).hasSingleBean(UserSessions.class);
		});
	}

	@Test
	void anApplicationsOwnSessionRevokerWins() {
		this.contextRunner.withUserConfiguration(OwnSessionRevoker.class)
			.run((context) -> assertThat(context.getBeansOfType(SessionRevoker.class)).containsOnlyKeys("myRevoker"));
	}

	@Test
	void frontChannelLogoutThatIsNotABooleanFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("auth.providers.google.front-channel-logout=sometimes")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("auth.providers.google.front-channel-logout")
				.hasStackTraceContaining("sometimes"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSessionRevoker {

		@Bean
		SessionRevoker myRevoker(SessionRefreshLock lock, SessionRepository<? extends Session> sessions,
				SessionUserStore store, ProviderRegistrations registrations) {
			return new SessionRevoker(new NewestSessionRecord(lock, sessions, store, Duration.ZERO), registrations,
					new TokenRevoker(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)), ClientCredentials.NONE));
		}

	}

}
