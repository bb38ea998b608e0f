package io.github.authstarter.testbed;

import java.nio.charset.StandardCharsets;
import java.security.Principal;

import io.github.authstarter.web.AuthConfigurer;
import io.github.authstarter.web.AuthErrorResponder;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with its own {@code SecurityFilterChain} that applies the starter
 * through {@link AuthConfigurer}, and its own error responder.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class OwnChainApplication {

	@Bean
	SecurityFilterChain appSecurity(HttpSecurity http, AuthConfigurer auth) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public", "/auth/**", "/login/**")
			.permitAll()
			.requestMatchers("/admin")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated());
		// the application's own refusal page wins over the starter's default
		http.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler((request, response, denied) -> {
			response.setStatus(403);
			response.getOutputStream().write("app denied".getBytes(StandardCharsets.UTF_8));
		}));
		http.with(auth, Customizer.withDefaults());
		return http.build();
	}

	@Bean
	AuthErrorResponder plainTextErrors() {
		return (request, response, error) -> {
			response.setStatus(error.status());
			response.setContentType("text/plain");
			response.getOutputStream()
				.write(("custom " + error.error() + " for " + error.provider()).getBytes(StandardCharsets.UTF_8));
		};
	}

	@RestController
	static class Pages {

		@GetMapping("/public")
		String open() {
			return "public";
		}

		@GetMapping("/admin")
		String admin() {
			return "admin";
		}

		@GetMapping("/private")
		String closed(Principal principal) {
			return "private " + principal.getName();
		}

	}

}
