package io.github.authstarter.flow;

/**
 * A signed authorization response (JARM) that cannot be trusted: its reason names only
 * fixed words and claim names, never the response's content.
 */
public final class InvalidSignedResponseException extends RuntimeException {

	InvalidSignedResponseException(String reason) {
		super(reason, null, false, false);
	}

	InvalidSignedResponseException(String reason, Throwable cause) {
		// the cause tells an outage (the keys cannot be fetched) from a forgery
		super(reason, cause, false, false);
	}

}
