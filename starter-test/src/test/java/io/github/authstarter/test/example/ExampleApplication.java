package io.github.authstarter.test.example;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.user.CurrentUser;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application as a user of the starter writes it, with the starter's default security.
 */
@SpringBootApplication
public class ExampleApplication {

	@RestController
	static class MeController {

		private final CurrentUser user;

		MeController(CurrentUser user) {
			this.user = user;
		}

		@GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, Object> me() {
			Map<String, Object> me = new LinkedHashMap<>();
			me.put("name", this.user.name());
			me.put("email", this.user.email());
			me.put("provider", this.user.provider());
			me.put("roles", this.user.claim("roles"));
			me.put("accessToken", this.user.tokens().accessToken());
			return me;
		}

		@GetMapping(path = "/api/greeting", produces = MediaType.TEXT_PLAIN_VALUE)
		String greeting(CurrentUser currentUser) {
			return "Hello, " + currentUser.name();
		}

	}

}
