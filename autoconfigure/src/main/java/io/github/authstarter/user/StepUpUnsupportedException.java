package io.github.authstarter.user;

import java.time.Duration;

/**
 * Thrown by {@link CurrentUser#requireRecentLogin(Duration)} and
 * {@link CurrentUser#requireAcr(String)} when the user's provider cannot prove a new
 * authentication (an OAuth2-only provider such as GitHub, or one whose ID tokens carry no
 * {@code auth_time} or {@code acr}): sending the user round again would prove nothing, so
 * the request is refused with {@code 403 step_up_unsupported}.
 */
public final class StepUpUnsupportedException extends RuntimeException {

	private final String provider;

	StepUpUnsupportedException(String provider) {
		super("Provider '" + provider + "' cannot prove that the user authenticated again");
		this.provider = provider;
	}

	/**
	 * The provider the user is signed in with.
	 * @return the provider id
	 */
	public String provider() {
		return this.provider;
	}

}
