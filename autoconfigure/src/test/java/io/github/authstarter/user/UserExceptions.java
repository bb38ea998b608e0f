package io.github.authstarter.user;

import java.time.Duration;

/**
 * The user API's exceptions, made for tests outside its package.
 */
public final class UserExceptions {

	private UserExceptions() {
	}

	public static StepUpRequiredException stepUpRequired(String provider) {
		return new StepUpRequiredException(provider, Duration.ofMinutes(5), null);
	}

	public static NotAuthenticatedException notAuthenticated() {
		return new NotAuthenticatedException();
	}

	public static ConsentRequiredException consentRequired(String provider, String api) {
		return new ConsentRequiredException(provider, api, "consent_required");
	}

}
