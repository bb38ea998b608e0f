package com.example.sample;

import io.github.authstarter.web.AuthConfigurer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sample's own filter chain: the start page is public, the admin pages need the
 * {@code admins} role from the provider, everything else needs a login, and the starter
 * is applied with one line.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(securedEnabled = true)
class SampleSecurity {

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http, AuthConfigurer auth) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/sample.css", "/sample.js", "/spa.html", "/spa.js", "/error")
			.permitAll()
			.requestMatchers("/admin/**")
			.hasRole("admins")
			.anyRequest()
			.authenticated());
		http.with(auth, Customizer.withDefaults());
		return http.build();
	}

}
