package io.github.authstarter.flow;

/**
 * Thrown when too many logins were started in the current minute.
 */
public final class LoginRateLimitedException extends RuntimeException {

	LoginRateLimitedException() {
		super("too many sign-in attempts; please try again in a minute");
	}

}
