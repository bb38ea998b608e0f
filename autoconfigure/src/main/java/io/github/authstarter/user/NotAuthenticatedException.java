package io.github.authstarter.user;

/**
 * Thrown when code asks {@link CurrentUser} for the identity of a request that is not
 * signed in; answered with 401.
 */
public final class NotAuthenticatedException extends RuntimeException {

	NotAuthenticatedException() {
		super("Nobody is signed in on this request; check CurrentUser.isAuthenticated() first");
	}

}
