package io.github.authstarter.benchmarks.stock;

import java.security.Principal;
import java.time.Duration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The setup a user would pick instead of the starter, as Spring's documentation describes
 * it: {@code spring-boot-starter-security-oauth2-client} with
 * {@code spring.security.oauth2.client.*} properties, {@code oauth2Login()}, Spring
 * Session Data Redis with its defaults (JDK serialization, the authorization request and
 * the authorized client in the session), and the authorized client manager refreshing
 * tokens. Same endpoints as the starter's app.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(StockApplication.Endpoints.class)
public class StockApplication {

	@Bean
	SecurityFilterChain stockSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/public", "/error").permitAll().anyRequest().authenticated())
			.oauth2Login(Customizer.withDefaults());
		return http.build();
	}

	/**
	 * The authorized client manager of Spring's reference documentation, with the refresh
	 * clock skew as short as the starter's in this comparison (the default of 60 s would
	 * refresh the benchmark's 3-second tokens on every request).
	 */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository clients) {
		OAuth2AuthorizedClientProvider provider = OAuth2AuthorizedClientProviderBuilder.builder()
			.authorizationCode()
			.refreshToken((refresh) -> refresh.clockSkew(Duration.ofSeconds(1)))
			.build();
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
		manager.setAuthorizedClientProvider(provider);
		return manager;
	}

	@RestController
	static class Endpoints {

		@GetMapping("/public")
		String open() {
			return "public";
		}

		@GetMapping("/hello")
		String hello(Principal principal) {
			return "hello " + principal.getName();
		}

		@GetMapping("/api/token")
		String token(@RegisteredOAuth2AuthorizedClient("test") OAuth2AuthorizedClient client) {
			return client.getAccessToken().getTokenValue();
		}

	}

}
