package io.github.authstarter.benchmarks.chaos;

import io.github.authstarter.benchmarks.starter.StarterApplication;
import io.github.authstarter.user.CurrentUser;

import org.springframework.boot.SpringApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientResponseException;

/**
 * The soak's application, one JVM per instance: the benchmarks' starter application
 * (signed-in pages, {@code /api/token}) plus a call to the downstream API as the user,
 * with the token the starter keeps fresh for it.
 */
public final class ChaosApplication {

	private ChaosApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.run(new Class<?>[] { StarterApplication.class, DownstreamCall.class }, args);
	}

	@RestController
	static class DownstreamCall {

		private final CurrentUser currentUser;

		DownstreamCall(CurrentUser currentUser) {
			this.currentUser = currentUser;
		}

		/**
		 * Calls the downstream API as the user; a refusal there answers 502 naming its
		 * status, so the load generator counts it.
		 */
		@GetMapping("/api/downstream")
		ResponseEntity<String> downstream() {
			try {
				return ResponseEntity.ok(this.currentUser.apis()
					.client("test", "downstream")
					.build()
					.get()
					.uri("/orders")
					.retrieve()
					.body(String.class));
			}
			catch (RestClientResponseException ex) {
				return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
					.body("downstream refused: " + ex.getStatusCode().value());
			}
		}

	}

}
