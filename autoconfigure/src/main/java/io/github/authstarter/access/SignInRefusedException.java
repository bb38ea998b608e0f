package io.github.authstarter.access;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A user the sign-in policy does not let in (or no longer lets stay signed in).
 */
public final class SignInRefusedException extends OAuth2AuthenticationException {

	/** The OAuth2 error code it carries through Spring Security's login. */
	public static final String ERROR_CODE = "sign_in_refused";

	private final String reason;

	private final String userMessage;

	SignInRefusedException(String reason, String userMessage) {
		super(new OAuth2Error(ERROR_CODE, reason, null), reason);
		this.reason = reason;
		this.userMessage = userMessage;
	}

	/**
	 * The rule that refused, such as {@code email_domain_not_allowed}.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * A sentence for the user that says why.
	 * @return the message
	 */
	public String userMessage() {
		return this.userMessage;
	}

}
