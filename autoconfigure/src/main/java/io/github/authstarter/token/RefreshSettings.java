package io.github.authstarter.token;

import java.time.Duration;

/**
 * How tokens are refreshed.
 *
 * @param skew refresh an access token that expires within this time
 * @param lockLease how long one instance may hold a session's refresh lock
 * @param waitTimeout how long a request waits for another instance's refresh
 * @param keyPrefix the prefix of the lock keys in Redis
 * @param onRequest whether to refresh expiring tokens on every signed-in request
 */
public record RefreshSettings(Duration skew, Duration lockLease, Duration waitTimeout, String keyPrefix,
		boolean onRequest) {

}
