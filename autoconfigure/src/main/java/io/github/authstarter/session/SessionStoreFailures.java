package io.github.authstarter.session;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;

/**
 * Tells a session store (Redis) that cannot be reached from other failures.
 */
public final class SessionStoreFailures {

	private SessionStoreFailures() {
	}

	/**
	 * Whether a failure came from Redis: it cannot be reached, did not answer in time, or
	 * answered with an error, as a Cluster does during a failover ({@code CLUSTERDOWN},
	 * {@code READONLY} from a demoted master, {@code MOVED}/{@code ASK} storms,
	 * {@code LOADING}, {@code TRYAGAIN}). Each is a passing outage of the session store,
	 * to be answered {@code 503}, never {@code 500}. Data access failures of other stores
	 * (a database of the application) are not.
	 * @param failure the failure
	 * @return whether anywhere in its causes Redis failed
	 */
	public static boolean isUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException
					|| cause instanceof RedisSystemException) {
				return true;
			}
			String name = cause.getClass().getName();
			// Lettuce's and Jedis's own, when they arrive unwrapped
			if (name.startsWith("io.lettuce.core.") && name.endsWith("Exception")
					|| name.startsWith("redis.clients.jedis.exceptions.")) {
				return true;
			}
		}
		return false;
	}

}
