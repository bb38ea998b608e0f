package io.github.authstarter.token;

import java.time.Clock;
import java.time.Instant;

import io.github.authstarter.provider.KeySetUnavailableException;
import io.github.authstarter.session.SessionUser;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * How long a refresh may keep the last sign-in decision while the provider's keys cannot
 * be fetched to make it again: no longer than the keys are trusted without being fetched
 * ({@code auth.providers.<id>.jwks-max-age}), counted from the last decision made with
 * checked keys. After that the session fails closed instead of keeping authorities nobody
 * can check.
 */
final class PendingSignInDecision {

	private final Clock clock;

	PendingSignInDecision(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Keeps the last decision while it is younger than the maximum age the key source
	 * reported, or fails closed.
	 * @param user the record as it was before this refresh
	 * @param keysUnavailable why the keys could not be had
	 * @throws ExpiredException when the last decision is too old to keep
	 */
	void keepOrFailClosed(SessionUser user, Throwable keysUnavailable) {
		for (Throwable cause = keysUnavailable; cause != null; cause = cause.getCause()) {
			if (cause instanceof KeySetUnavailableException keys
					&& !this.clock.instant().isBefore(lastDecision(user).plus(keys.maxAge()))) {
				throw new ExpiredException();
			}
		}
	}

	/**
	 * When the sign-in policy last decided with keys that were checked: every id token
	 * that passed validation came with such a decision; without one, the sign-in did.
	 */
	private static Instant lastDecision(SessionUser user) {
		OidcIdToken idToken = user.idToken();
		return (idToken != null && idToken.getIssuedAt() != null) ? idToken.getIssuedAt() : user.authenticatedAt();
	}

	/**
	 * The provider's keys have been out of reach for longer than they are trusted: the
	 * sign-in policy cannot be applied again, and its last decision is too old to keep.
	 */
	static final class ExpiredException extends RuntimeException {

		ExpiredException() {
			super("jwks_unavailable", null, false, false);
		}

	}

}
