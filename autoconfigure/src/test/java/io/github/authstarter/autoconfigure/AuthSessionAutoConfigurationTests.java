package io.github.authstarter.autoconfigure;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;

import io.github.authstarter.flow.FlowSettings;
import io.github.authstarter.flow.LoginStartLimiter;
import io.github.authstarter.flow.RedisFlowStateRepository;
import io.github.authstarter.session.SessionAuthorizedClientRepository;
import io.github.authstarter.session.SessionSecurityContextRepository;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.session.TokenCipher;
import io.github.authstarter.session.redis.PlainJsonRedisSerializer;
import io.github.authstarter.session.redis.SingleReadRedisSessionRepository;
import io.github.authstarter.session.redis.TrackedSessionCache;
import org.junit.jupiter.api.Test;

import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthSessionAutoConfiguration}.
 */
class AuthSessionAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AuthAutoConfigurations.all());

	@Test
	void sessionsLiveInTheSingleReadRepositoryBehindSpringSessionsFilter() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g", "spring.session.timeout=20m")
			.run((context) -> {
				assertThat(context).getBean(SessionRepository.class)
					.isInstanceOf(SingleReadRedisSessionRepository.class);
				assertThat(context).hasSingleBean(SessionRepositoryFilter.class);
				assertThat(context.getBean(SingleReadRedisSessionRepository.class).touchInterval())
					.isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void theIdleTimeoutIsBootsSessionTimeout() {
		// Boot's SessionTimeout: spring.session.timeout, else on an embedded server the
		// servlet container's (a number without a unit in seconds), else 30 minutes
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.withBean(SessionTimeout.class, () -> () -> Duration.ofMinutes(40),
					(definition) -> definition.setPrimary(true))
			.run((context) -> assertThat(context.getBean(SingleReadRedisSessionRepository.class).touchInterval())
				.isEqualTo(Duration.ofMinutes(4)));
	}

	@Test
	void theTouchIntervalCanBeSetAndMustNotBeNegative() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g", "auth.session.touch-interval=0")
			.run((context) -> assertThat(context.getBean(SingleReadRedisSessionRepository.class).touchInterval())
				.isZero());
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g", "auth.session.touch-interval=-1s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("must not be negative"));
	}

	@Test
	void theSessionCacheIsOffByDefault() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.run((context) -> assertThat(context).doesNotHaveBean(TrackedSessionCache.class));
	}

	@Test
	void theSessionCacheIsRefusedOnAClusterAndWithSentinelNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.session.client-cache.enabled=true",
					"spring.data.redis.cluster.nodes=127.0.0.1:7000,127.0.0.1:7001")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("auth.session.client-cache.enabled")
				.hasMessageContaining("not supported on Redis Cluster"));
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.session.client-cache.enabled=true",
					"spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes=127.0.0.1:26379")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("auth.session.client-cache.enabled")
				.hasMessageContaining("not supported with Redis Sentinel"));
	}

	@Test
	void theSessionCacheSizeMustBePositive() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.session.client-cache.max-size=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("must be at least 1"));
	}

	@Test
	void anApplicationsOwnSessionRepositoryWins() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.withBean("sessionRepository", MapSessionRepository.class, () -> new MapSessionRepository(new HashMap<>()))
			.run((context) -> assertThat(context).doesNotHaveBean(SingleReadRedisSessionRepository.class));
	}

	@Test
	void withoutAnEncryptionKeyTokensAreStoredInClear() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.run((context) -> assertThat(context.getBean(TokenCipher.class).encrypts()).isFalse());
	}

	@Test
	void anEncryptionKeyEncryptsTokens() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g",
					"auth.session.encryption-key=" + Base64.getEncoder().encodeToString(new byte[32]),
					"auth.session.require-encryption=true")
			.run((context) -> assertThat(context.getBean(TokenCipher.class).encrypts()).isTrue());
	}

	@Test
	void requiredEncryptionWithoutAKeyFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.session.require-encryption=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("auth.session.encryption-key")
				.hasMessageContaining("require-encryption"));
	}

	@Test
	void unusableKeysFailNamingThePropertyWithoutEchoingThem() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.session.encryption-key=not-base64!!")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("auth.session.encryption-key")
				.hasMessageNotContaining("not-base64!!"));
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g",
					"auth.session.encryption-key=" + Base64.getEncoder().encodeToString(new byte[32]),
					"auth.session.previous-keys=" + Base64.getEncoder().encodeToString(new byte[16]))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("auth.session.previous-keys[0]")
				.hasMessageContaining("16 bytes"));
	}

	@Test
	void definesFlowAndSessionBeansWhenProvidersAreConfigured() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.flow.ttl=2m", "auth.flow.cookie-name=FLOW",
					"auth.login.default-redirect=/home")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisFlowStateRepository.class);
				assertThat(context).hasSingleBean(LoginStartLimiter.class);
				assertThat(context).hasSingleBean(SessionUserStore.class);
				assertThat(context).hasSingleBean(SessionSecurityContextRepository.class);
				assertThat(context.getBean(FlowSettings.class))
					.isEqualTo(new FlowSettings(Duration.ofMinutes(2), "FLOW", "auth:", "/home"));
				assertThat(context.getBean("springSessionDefaultRedisSerializer"))
					.isInstanceOf(PlainJsonRedisSerializer.class);
			});
	}

	@Test
	void tokensAreKeptInTheSharedSessionNotInOneInstancesMemory() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g")
			.run((context) -> assertThat(context).getBean(OAuth2AuthorizedClientRepository.class)
				.isInstanceOf(SessionAuthorizedClientRepository.class));
	}

	@Test
	void backsOffWithoutProviders() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(RedisFlowStateRepository.class);
			assertThat(context).doesNotHaveBean("springSessionDefaultRedisSerializer");
		});
	}

	@Test
	void userBeansWin() {
		this.contextRunner.withUserConfiguration(UserBeans.class)
			.withPropertyValues("auth.providers.google.client-id=g")
			.run((context) -> {
				assertThat(context.getBean(FlowSettings.class)).isSameAs(UserBeans.SETTINGS);
				assertThat(context.getBean("springSessionDefaultRedisSerializer")).isSameAs(UserBeans.SERIALIZER);
				assertThat(context.getBean(SessionUserStore.class)).isSameAs(UserBeans.STORE);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final FlowSettings SETTINGS = new FlowSettings(Duration.ofMinutes(1), "F", "/cb", "/");

		static final RedisSerializer<Object> SERIALIZER = RedisSerializer.java();

		static final SessionUserStore STORE = new SessionUserStore();

		@Bean
		FlowSettings userFlowSettings() {
			return SETTINGS;
		}

		@Bean
		RedisSerializer<Object> springSessionDefaultRedisSerializer() {
			return SERIALIZER;
		}

		@Bean
		SessionUserStore userStore() {
			return STORE;
		}

	}

}
