package io.github.authstarter.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.logout.FrontChannelLogoutFilter;
import io.github.authstarter.logout.LogoutSettings;
import io.github.authstarter.logout.ProviderLogoutHandler;
import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.logout.UserSessions;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.token.ApiDefinition;
import io.github.authstarter.token.ProviderApis;
import io.github.authstarter.token.RefreshSettings;
import io.github.authstarter.token.SessionRefreshLock;
import io.github.authstarter.token.SingleFlightAuthorizedClientManager;
import io.github.authstarter.token.SingleFlightTokenRefresher;
import io.github.authstarter.token.TokenRefresher;
import io.github.authstarter.user.CurrentUser;
import io.github.authstarter.user.SignInProviders;
import io.github.authstarter.user.TokenExposure;
import io.github.authstarter.user.TokenKind;
import io.github.authstarter.web.AuthExceptionResolver;
import io.github.authstarter.web.AuthSessionsHandler;
import io.github.authstarter.web.AuthUserHandler;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.session.MapSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthUserAutoConfiguration}.
 */
class AuthUserAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AuthAutoConfigurations.all());

	@Test
	void anApplicationsOwnFrontChannelReceiverWins() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.withBean("myFrontChannel", FrontChannelLogoutFilter.class,
					() -> new FrontChannelLogoutFilter("/mine", (id) -> null,
							new SessionIndex(new StringRedisTemplate(), "auth:"),
							new MapSessionRepository(new HashMap<>()), (event) -> {
							}))
			.run((context) -> {
				assertThat(context.getBeansOfType(FrontChannelLogoutFilter.class)).containsOnlyKeys("myFrontChannel");
				// and the chain serves that one, not one of its own
				assertThat(context.getBean(SecurityFilterChain.class).getFilters())
					.contains(context.getBean("myFrontChannel", Filter.class));
			});
	}

	@Test
	void providerApisComeFromThePropertiesAndAnApplicationsOwnWins() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.providers.google.apis.drive.scopes=drive",
					"auth.providers.google.apis.drive.base-url=https://www.googleapis.com/drive/v3")
			.run((context) -> assertThat(context.getBean(ProviderApis.class).get("google", "drive").registrationId())
				.isEqualTo("google/drive"));
		ProviderApis own = new ProviderApis(List.of());
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.withBean("myApis", ProviderApis.class, () -> own)
			.run((context) -> assertThat(context.getBean(ProviderApis.class)).isSameAs(own));
	}

	@Test
	void aNegativeApiRetryCooldownFailsAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g", "auth.apis.retry-cooldown=-1s")
			.run((context) -> assertThat(context.getStartupFailure()).hasStackTraceContaining("under 'auth.apis'")
				.hasStackTraceContaining("property retry-cooldown")
				.hasStackTraceContaining("must not be negative"));
	}

	@Test
	void anApiWithoutABaseUrlFailsAtStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.providers.google.apis.drive.scopes=drive")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("auth.providers.google.apis.drive.base-url"));
	}

	@Test
	void anApplicationsOwnAuthorizedClientManagerWins() {
		OAuth2AuthorizedClientManager own = (request) -> null;
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.withBean("myManager", OAuth2AuthorizedClientManager.class, () -> own)
			.run((context) -> assertThat(context.getBean(OAuth2AuthorizedClientManager.class)).isSameAs(own));
	}

	@Test
	void definesCurrentUserRefreshAndEndpointsWithProviders() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.providers.google.expose-tokens=id",
					"auth.refresh.skew=30s")
			.run((context) -> {
				assertThat(context).hasSingleBean(CurrentUser.class);
				assertThat(context).hasSingleBean(SingleFlightTokenRefresher.class);
				assertThat(context.getBean(OAuth2AuthorizedClientManager.class))
					.isInstanceOf(SingleFlightAuthorizedClientManager.class);
				assertThat(context).hasSingleBean(AuthUserHandler.class);
				assertThat(context).hasSingleBean(AuthSessionsHandler.class);
				assertThat(context).hasSingleBean(FrontChannelLogoutFilter.class);
				assertThat(context).hasSingleBean(AuthExceptionResolver.class);
				assertThat(context).hasSingleBean(ProviderLogoutHandler.class);
				assertThat(context.getBean(LogoutSettings.class).returnPath()).isEqualTo("/auth/logged-out");
				assertThat(context.getBean(RefreshSettings.class).skew()).isEqualTo(Duration.ofSeconds(30));
				assertThat(context.getBean(RefreshSettings.class).keyPrefix()).isEqualTo("auth:");
				assertThat(context.getBean(TokenExposure.class).exposes("google", TokenKind.ID)).isTrue();
				assertThat(context.getBean(TokenExposure.class).exposes("google", TokenKind.REFRESH)).isFalse();
			});
	}

	@Test
	void backsOffWithoutProviders() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(CurrentUser.class);
			assertThat(context).doesNotHaveBean(AuthUserHandler.class);
		});
	}

	@Test
	void userBeansWin() {
		this.contextRunner.withUserConfiguration(UserBeans.class)
			.withPropertyValues("auth.providers.google.client-id=g")
			.run((context) -> {
				assertThat(context.getBean(TokenExposure.class)).isSameAs(UserBeans.EXPOSURE);
				assertThat(context.getBean(RefreshSettings.class)).isSameAs(UserBeans.SETTINGS);
				assertThat(context.getBean(SessionRefreshLock.class)).isSameAs(UserBeans.LOCK);
			});
	}

	@Test
	void listsTheProvidersForSignInButtonsWithoutNetworkCalls() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.providers.corp.client-id=c",
					"auth.providers.corp.issuer-uri=https://sso.invalid/realms/corp",
					"auth.providers.corp.display-name=Corp SSO")
			.run((context) -> assertThat(context.getBean(SignInProviders.class).all()).containsExactly(
					new SignInProviders.SignInProvider("google", "Google", "/auth/login/google"),
					new SignInProviders.SignInProvider("corp", "Corp SSO", "/auth/login/corp")));
	}

	@Test
	void userSignInProvidersWin() {
		SignInProviders own = new SignInProviders(List.of());
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.withBean(SignInProviders.class, () -> own)
			.run((context) -> assertThat(context).getBean(SignInProviders.class).isSameAs(own));
	}

	@Test
	void definesOneRefreshLockSharedByRefreshAndLogout() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.run((context) -> assertThat(context).hasSingleBean(SessionRefreshLock.class));
	}

	@Test
	void userTokenRefresherReplacesTheSingleFlightOne() {
		this.contextRunner.withUserConfiguration(UserRefresher.class)
			.withPropertyValues("auth.providers.google.client-id=g")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SingleFlightTokenRefresher.class);
				assertThat(context.getBean(TokenRefresher.class)).isSameAs(UserRefresher.REFRESHER);
				assertThat(context).hasSingleBean(CurrentUser.class);
			});
	}

	@Test
	void currentUserCanEndAllSessionsOfItsUser() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.run((context) -> assertThat(context).hasSingleBean(UserSessions.class));
	}

	@Test
	void unknownExposedTokenFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.providers.google.expose-tokens=secret")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Failed to bind properties under 'auth.providers.google.expose-tokens'")
				.hasStackTraceContaining("secret"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRefresher {

		static final TokenRefresher REFRESHER = new TokenRefresher() {

			@Override
			public boolean expiring(SessionUser user) {
				return false;
			}

			@Override
			public SessionUser refreshIfExpiring(HttpServletRequest request, SessionUser user) {
				return user;
			}

			@Override
			public SessionUser refresh(HttpServletRequest request, SessionUser user, boolean force) {
				return user;
			}

			@Override
			public OAuth2AccessToken apiToken(HttpServletRequest request, SessionUser user, ApiDefinition api,
					String refused) {
				return user.accessToken();
			}

		};

		@Bean
		TokenRefresher userRefresher() {
			return REFRESHER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final TokenExposure EXPOSURE = new TokenExposure(Map.of("google", Set.of(TokenKind.ACCESS)));

		static final RefreshSettings SETTINGS = new RefreshSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
				Duration.ofSeconds(1), "x:", false);

		@Bean
		TokenExposure userExposure() {
			return EXPOSURE;
		}

		static final SessionRefreshLock LOCK = new SessionRefreshLock(new StringRedisTemplate(), SETTINGS);

		@Bean
		RefreshSettings userSettings() {
			return SETTINGS;
		}

		@Bean
		SessionRefreshLock userLock() {
			return LOCK;
		}

	}

}
