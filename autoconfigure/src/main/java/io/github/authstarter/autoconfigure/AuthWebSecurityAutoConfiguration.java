package io.github.authstarter.autoconfigure;

import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.web.AuthConfigurer;
import io.github.authstarter.web.AuthErrorResponder;
import io.github.authstarter.web.AuthPaths;
import io.github.authstarter.web.LoggingRequestRejectedHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The login endpoints and, for applications without a {@code SecurityFilterChain} of
 * their own, a default chain: the auth endpoints open, everything else signed in.
 */
@AutoConfiguration(after = { AuthProvidersAutoConfiguration.class, AuthSessionAutoConfiguration.class },
		before = { OAuth2ClientWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnBean({ DiscoveringClientRegistrationRepository.class, SessionUserStore.class })
public final class AuthWebSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuthPaths authPaths(AuthProperties properties) {
		return new AuthPaths(properties.getLogin().getPath(), properties.getLogin().getCallbackPath(),
				properties.getUser().getPath(), properties.getRefresh().getPath());
	}

	@Bean
	@ConditionalOnMissingBean
	RequestRejectedHandler authRequestRejectedHandler(ObjectProvider<AuthErrorResponder> responder) {
		return new LoggingRequestRejectedHandler(responder.getIfAvailable(AuthErrorResponder::standard));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	static class DefaultSecurityFilterChainConfiguration {

		@Bean
		SecurityFilterChain authSecurityFilterChain(HttpSecurity http, AuthPaths paths) throws Exception {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers(paths.login() + "/**", paths.callback() + "/**", "/error")
						.permitAll()
						.anyRequest()
						.authenticated());
			http.with(AuthConfigurer.auth(), Customizer.withDefaults());
			return http.build();
		}

	}

}
