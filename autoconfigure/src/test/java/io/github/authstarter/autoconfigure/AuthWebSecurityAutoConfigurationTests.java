package io.github.authstarter.autoconfigure;

import io.github.authstarter.web.AuthConfigurer;
import io.github.authstarter.web.AuthPaths;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthWebSecurityAutoConfiguration}.
 */
class AuthWebSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AuthAutoConfigurations.all());

	@Test
	void definesTheDefaultFilterChainWhenTheAppHasNone() {
		this.contextRunner.withPropertyValues("auth.providers.google.client-id=g").run((context) -> {
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
			assertThat(context).hasBean("authSecurityFilterChain");
			assertThat(context.getBean(AuthPaths.class)).isEqualTo(DefaultAuthPaths.get());
		});
	}

	@Test
	void backsOffWithoutProviders() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean("authSecurityFilterChain");
			assertThat(context).doesNotHaveBean(AuthPaths.class);
		});
	}

	@Test
	void userFilterChainWinsAndCanApplyTheConfigurer() {
		this.contextRunner.withUserConfiguration(UserChainConfiguration.class)
			.withPropertyValues("auth.providers.google.client-id=g")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SecurityFilterChain.class);
				assertThat(context).hasBean("userChain");
			});
	}

	@Test
	void pathsFollowProperties() {
		this.contextRunner
			.withPropertyValues("auth.providers.google.client-id=g", "auth.login.path=/signin",
					"auth.login.callback-path=/signin/callback")
			.run((context) -> assertThat(context.getBean(AuthPaths.class))
				.isEqualTo(DefaultAuthPaths.with("/signin", "/signin/callback")));
	}

	@Test
	void userPathsWin() {
		this.contextRunner.withUserConfiguration(UserPathsConfiguration.class)
			.withPropertyValues("auth.providers.google.client-id=g")
			.run((context) -> assertThat(context.getBean(AuthPaths.class)).isSameAs(UserPathsConfiguration.PATHS));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChainConfiguration {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http, AuthConfigurer auth) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			http.with(auth, Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserPathsConfiguration {

		static final AuthPaths PATHS = DefaultAuthPaths.with("/in", "/back");

		@Bean
		AuthPaths userPaths() {
			return PATHS;
		}

	}

}
