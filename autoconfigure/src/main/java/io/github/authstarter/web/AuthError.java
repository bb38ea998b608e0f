package io.github.authstarter.web;

import org.jspecify.annotations.Nullable;

/**
 * An error the starter answers instead of a stack trace.
 *
 * @param status the HTTP status
 * @param error a stable machine-readable reason, such as {@code state_unknown}
 * @param message a sentence for the user that says what happened and what to do
 * @param provider the provider involved, or {@code null}
 */
public record AuthError(int status, String error, String message, @Nullable String provider) {

}
