package io.github.authstarter.benchmarks.starter;

import java.security.Principal;

import io.github.authstarter.user.CurrentUser;
import io.github.authstarter.web.AuthConfigurer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same application with the starter: {@code auth.providers.*} properties and
 * {@code AuthConfigurer}, tokens from {@code CurrentUser}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(StarterApplication.Endpoints.class)
public class StarterApplication {

	@Bean
	SecurityFilterChain starterSecurityFilterChain(HttpSecurity http, AuthConfigurer auth) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/public", "/error").permitAll().anyRequest().authenticated());
		http.with(auth, Customizer.withDefaults());
		return http.build();
	}

	@Bean
	RefreshOutcomes refreshOutcomes() {
		return new RefreshOutcomes();
	}

	@RestController
	static class Endpoints {

		private final CurrentUser currentUser;

		Endpoints(CurrentUser currentUser) {
			this.currentUser = currentUser;
		}

		@GetMapping("/public")
		String open() {
			return "public";
		}

		@GetMapping("/hello")
		String hello(Principal principal) {
			return "hello " + principal.getName();
		}

		@GetMapping("/api/token")
		String token() {
			return this.currentUser.tokens().accessToken();
		}

	}

}
