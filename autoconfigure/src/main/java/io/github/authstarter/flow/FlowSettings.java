package io.github.authstarter.flow;

import java.time.Duration;

/**
 * How login-flow state is kept.
 *
 * @param timeToLive how long a started login may take to come back
 * @param cookieName the name of the flow-binding cookie
 * @param keyPrefix the prefix of the starter's Redis keys
 * ({@code auth.redis.key-prefix}), so several applications can share one Redis; the keys
 * are {@link io.github.authstarter.redis.AuthRedisKeys}'s
 * @param defaultRedirect where users go after login when no safe target was given
 */
public record FlowSettings(Duration timeToLive, String cookieName, String keyPrefix, String defaultRedirect) {

}
