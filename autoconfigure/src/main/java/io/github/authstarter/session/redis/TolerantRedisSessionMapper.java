package io.github.authstarter.session.redis;

import java.util.Map;
import java.util.function.BiFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.MapSession;
import org.springframework.session.data.redis.RedisSessionMapper;

/**
 * Spring Session's mapper, except that an incomplete or unreadable session hash reads as
 * "no session" (Spring Session then deletes it) instead of failing every request that
 * carries its cookie. Such a hash appears when a session is deleted (logout on another
 * instance, back-channel logout) while one of its requests is still running: that request
 * writes its last-access time back at the end.
 */
public final class TolerantRedisSessionMapper implements BiFunction<String, Map<String, Object>, MapSession> {

	private static final Log logger = LogFactory.getLog(TolerantRedisSessionMapper.class);

	private final RedisSessionMapper delegate = new RedisSessionMapper();

	@Override
	public @Nullable MapSession apply(String sessionId, Map<String, Object> map) {
		try {
			return this.delegate.apply(sessionId, map);
		}
		catch (IllegalStateException | IllegalArgumentException | ClassCastException ex) {
			logger.info("Discarding an incomplete session: " + ex.getClass().getSimpleName());
			return null;
		}
	}

}
