package io.github.authstarter.session;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Tells a session store (Redis) that cannot be reached from other failures.
 */
public final class SessionStoreFailures {

	private SessionStoreFailures() {
	}

	/**
	 * Whether a failure means Redis cannot be reached or did not answer in time.
	 * @param failure the failure
	 * @return whether anywhere in its causes Redis was unreachable
	 */
	public static boolean isUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException) {
				return true;
			}
			String name = cause.getClass().getName();
			// Lettuce's own, when they arrive unwrapped
			if (name.equals("io.lettuce.core.RedisConnectionException")
					|| name.equals("io.lettuce.core.RedisCommandTimeoutException")) {
				return true;
			}
		}
		return false;
	}

}
