package io.github.authstarter.tenant;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Provider changes announced on a Redis pub/sub channel, which every instance listens to:
 * this instance hears its own change at once, the others within the time a message takes.
 * A message lost while an instance was cut off from Redis is made up for by the summaries
 * read again every {@code auth.provider-store.refresh-interval}.
 */
public final class RedisProviderChanges implements ProviderChanges, MessageListener {

	private static final Log logger = LogFactory.getLog(RedisProviderChanges.class);

	private final StringRedisTemplate redis;

	private final String channel;

	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Creates the announcer.
	 * @param redis the starter's Redis
	 * @param channel the channel
	 */
	public RedisProviderChanges(StringRedisTemplate redis, String channel) {
		this.redis = redis;
		this.channel = channel;
	}

	/**
	 * Adds a listener, told of every change, this instance's own included.
	 * @param listener takes the id of the provider that changed
	 */
	public void listen(Consumer<String> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void changed(String id) {
		tell(id);
		try {
			this.redis.convertAndSend(this.channel, id);
		}
		catch (DataAccessException ex) {
			// the write is done: the other instances see it at their next refresh
			logger.warn("Could not announce the change of provider '" + id + "': " + ex.getMessage());
		}
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		String id = new String(message.getBody(), StandardCharsets.UTF_8);
		if (!id.isEmpty() && id.length() <= 256) {
			tell(id);
		}
	}

	private void tell(String id) {
		this.listeners.forEach((listener) -> listener.accept(id));
	}

}
