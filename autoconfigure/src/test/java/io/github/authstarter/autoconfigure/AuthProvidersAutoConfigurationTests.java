package io.github.authstarter.autoconfigure;

import java.time.Duration;

import io.github.authstarter.provider.IssuerDiscovery;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.provider.ProviderRegistrations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthProvidersAutoConfiguration}.
 */
class AuthProvidersAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(AuthProvidersAutoConfiguration.class, OAuth2ClientAutoConfiguration.class));

	@Test
	void backsOffQuietlyWithoutProviders() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ProviderRegistrations.class);
			assertThat(context).doesNotHaveBean(AuthProperties.class);
		});
	}

	@Test
	void providersBecomeRegistrationsWithoutNetworkCalls() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g-id", "auth.providers.google.client-secret=g-secret",
					"auth.providers.corp.issuer-uri=http://127.0.0.1:1/realms/corp", "auth.providers.corp.client-id=c")
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientRegistrationRepository.class);
				ProviderRegistrations repository = context.getBean(ProviderRegistrations.class);
				ClientRegistration google = repository.findIfResolved("google");
				assertThat(google).isNotNull();
				assertThat(google.getProviderDetails().getAuthorizationUri())
					.isEqualTo("https://accounts.google.com/o/oauth2/v2/auth");
				assertThat(repository.findIfResolved("corp")).isNull();
				assertThat(repository.definitions()).extracting("registrationId").containsExactly("google", "corp");
			});
	}

	@Test
	void anApplicationsOwnClientRegistrationRepositoryBesideProvidersFailsAtStartupSayingWhatToDo() {
		this.contextRunner.withUserConfiguration(UserRepositoryConfiguration.class)
			.withPropertyValues("auth.providers.google.client-id=g-id")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable cause = context.getStartupFailure();
				while (!(cause instanceof ForeignRegistrationsException) && cause.getCause() != null) {
					cause = cause.getCause();
				}
				assertThat(cause).isInstanceOf(ForeignRegistrationsException.class)
					.hasMessageContaining("'userRepository'")
					.hasMessageContaining("auth.providers [google]");
				FailureAnalysis analysis = new ForeignRegistrationsFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("remove the bean 'userRepository'")
					.contains("remove auth.providers");
			});
	}

	@Test
	void anApplicationsOwnClientRegistrationRepositoryBesideProvidersFailsUnderLazyInitializationToo() {
		this.contextRunner.withUserConfiguration(UserRepositoryConfiguration.class)
			.withBean(LazyInitializationBeanFactoryPostProcessor.class)
			.withPropertyValues("auth.providers.google.client-id=g-id")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void anApplicationsOwnClientRegistrationRepositoryWithoutProvidersIsLeftAlone() {
		this.contextRunner.withUserConfiguration(UserRepositoryConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ClientRegistrationRepository.class);
			assertThat(context).doesNotHaveBean(ProviderRegistrations.class);
		});
	}

	@Test
	void bootsOwnRegistrationPropertiesBesideProvidersFailAtStartupNamingThem() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g-id",
					"spring.security.oauth2.client.registration.okta.client-id=o",
					"spring.security.oauth2.client.registration.okta.client-secret=s",
					"spring.security.oauth2.client.provider.okta.issuer-uri=https://example.okta.com")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(ForeignRegistrationsException.class)
					.hasMessageContaining("spring.security.oauth2.client.registration [okta]");
			});
	}

	@Test
	void userIssuerDiscoveryWins() {
		this.contextRunner.withUserConfiguration(UserDiscoveryConfiguration.class)
			.withPropertyValues("auth.providers.google.client-id=g-id")
			.run((context) -> assertThat(context).getBean(IssuerDiscovery.class)
				.isSameAs(context.getBean(UserDiscoveryConfiguration.class).discovery));
	}

	@Test
	void userIdTokenDecoderFactoryWins() {
		this.contextRunner.withUserConfiguration(UserDecoderFactoryConfiguration.class)
			.withPropertyValues("auth.providers.google.client-id=g-id")
			.run((context) -> assertThat(context.getBean("authIdTokenDecoderFactory"))
				.isSameAs(UserDecoderFactoryConfiguration.FACTORY));
	}

	@Test
	void oneKeySetHolderIsSharedByEveryDecoder() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g-id")
			.run((context) -> assertThat(context).hasSingleBean(ProviderKeySets.class));
	}

	@Test
	void userProviderKeySetsWin() {
		ProviderKeySets own = new ProviderKeySets(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)),
				(id) -> Duration.ofMinutes(5));
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g-id")
			.withBean(ProviderKeySets.class, () -> own)
			.run((context) -> assertThat(context).getBean(ProviderKeySets.class).isSameAs(own));
	}

	@Test
	void invalidProviderFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-secret=s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("auth.providers.google.client-id");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRepositoryConfiguration {

		@Bean
		ClientRegistrationRepository userRepository() {
			return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("mine")
				.clientId("id")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.authorizationUri("https://example.com/authorize")
				.tokenUri("https://example.com/token")
				.build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDiscoveryConfiguration {

		final IssuerDiscovery discovery = new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)));

		@Bean
		IssuerDiscovery userDiscovery() {
			return this.discovery;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDecoderFactoryConfiguration {

		static final JwtDecoderFactory<ClientRegistration> FACTORY = (registration) -> null;

		@Bean
		JwtDecoderFactory<ClientRegistration> authIdTokenDecoderFactory() {
			return FACTORY;
		}

	}

}
