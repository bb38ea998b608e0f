package io.github.authstarter.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An error the starter answers instead of a stack trace.
 *
 * @param status the HTTP status
 * @param error a stable machine-readable reason, such as {@code state_unknown}
 * @param message a sentence for the user that says what happened and what to do
 * @param provider the provider involved, or {@code null}
 * @param reason what exactly refused, such as {@code email_domain_not_allowed} when
 * {@code error} is {@code access_denied}, or {@code null}
 * @param signInAgainUrl where the user may sign in with another account, or {@code null}
 * @param members further members of the JSON answer, such as {@code loginUrl} or
 * {@code consentUrl}
 */
public record AuthError(int status, String error, String message, @Nullable String provider, @Nullable String reason,
		@Nullable String signInAgainUrl, Map<String, Object> members) {

	/**
	 * The request attribute that holds the error on the request forwarded to the
	 * application's own error page ({@code auth.web.pages.error-page}): a template reads
	 * it as {@code ${authError}}, a controller as {@code @RequestAttribute("authError")}.
	 */
	public static final String ATTRIBUTE = "authError";

	/**
	 * Creates the error.
	 */
	public AuthError {
		members = Map.copyOf(members);
	}

	/**
	 * An error with a reason and a way to sign in again.
	 * @param status the HTTP status
	 * @param error a stable machine-readable error
	 * @param message a sentence for the user
	 * @param provider the provider involved, or {@code null}
	 * @param reason what exactly refused, or {@code null}
	 * @param signInAgainUrl where the user may sign in with another account, or
	 * {@code null}
	 */
	public AuthError(int status, String error, String message, @Nullable String provider, @Nullable String reason,
			@Nullable String signInAgainUrl) {
		this(status, error, message, provider, reason, signInAgainUrl, Map.of());
	}

	/**
	 * An error without a reason or a way to sign in again.
	 * @param status the HTTP status
	 * @param error a stable machine-readable error
	 * @param message a sentence for the user
	 * @param provider the provider involved, or {@code null}
	 */
	public AuthError(int status, String error, String message, @Nullable String provider) {
		this(status, error, message, provider, null, null, Map.of());
	}

}
