package io.github.authstarter.access;

import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@link SignInPolicy}.
 *
 * @param allowed whether the user may sign in
 * @param reason for a refusal, a stable machine-readable reason such as
 * {@code email_domain_not_allowed}; shown in the JSON answer, the log line, the event and
 * the login metric
 * @param message for a refusal, a sentence for the user
 */
public record SignInDecision(boolean allowed, @Nullable String reason, @Nullable String message) {

	private static final SignInDecision ALLOW = new SignInDecision(true, null, null);

	/**
	 * Creates a decision.
	 */
	public SignInDecision {
		if (!allowed && (reason == null || !reason.matches("[a-z0-9_]{1,64}"))) {
			throw new IllegalArgumentException(
					"A refusal needs a reason of lower-case letters, digits and underscores, not '" + reason + "'");
		}
	}

	/**
	 * Lets the user in.
	 * @return the decision
	 */
	public static SignInDecision allow() {
		return ALLOW;
	}

	/**
	 * Refuses the user.
	 * @param reason a stable machine-readable reason, such as {@code not_a_customer}
	 * @param message a sentence for the user that says why
	 * @return the decision
	 */
	public static SignInDecision deny(String reason, String message) {
		return new SignInDecision(false, reason, message);
	}

}
