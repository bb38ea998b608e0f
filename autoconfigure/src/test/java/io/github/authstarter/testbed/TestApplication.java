package io.github.authstarter.testbed;

import java.security.Principal;

import io.github.authstarter.user.CurrentUser;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application under test: nothing but the starter's auto-configuration and one
 * protected page, as a user's app would be.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class TestApplication {

	@RestController
	static class HelloController {

		private final CurrentUser currentUser;

		HelloController(CurrentUser currentUser) {
			this.currentUser = currentUser;
		}

		@GetMapping("/hello")
		String hello(Principal principal) {
			return "hello " + principal.getName();
		}

		/** What an app does before calling an API: take a fresh access token. */
		@GetMapping("/api/token")
		String token() {
			return this.currentUser.tokens().accessToken();
		}

	}

}
