package io.github.authstarter.testbed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.redis.PlainJsonRedisSerializer;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Reads sessions straight from the test Redis with a plain client, as a non-Java service
 * would, so tests can check what is really stored.
 */
public final class StoredSessions implements AutoCloseable {

	private final RedisClient client = RedisClient.create(TestRedis.get().url());

	private final StatefulRedisConnection<String, String> connection = this.client.connect();

	private final String sessionKeyPrefix;

	/**
	 * Reads the sessions of Spring Session's default namespace.
	 */
	public StoredSessions() {
		this("spring:session");
	}

	/**
	 * Reads the sessions of a namespace.
	 * @param namespace {@code spring.session.data.redis.namespace}
	 */
	public StoredSessions(String namespace) {
		this.sessionKeyPrefix = namespace + ":sessions:";
	}

	/**
	 * The key of the session a browser holds.
	 * @param browser the browser with a {@code SESSION} cookie
	 * @return the Redis key
	 */
	public String key(Browser browser) {
		return this.sessionKeyPrefix + id(browser);
	}

	/**
	 * The raw hash of the session a browser holds.
	 * @param browser the browser with a {@code SESSION} cookie
	 * @return the fields of the session hash
	 */
	public Map<String, String> hash(Browser browser) {
		return this.connection.sync().hgetall(key(browser));
	}

	/**
	 * The signed-in user record of the session a browser holds.
	 * @param browser the browser
	 * @return the record
	 */
	public SessionUser user(Browser browser) {
		String value = hash(browser).get("sessionAttr:AUTH_USER");
		return SessionUser
			.fromJson((String) new PlainJsonRedisSerializer().deserialize(value.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Replaces the user record of a browser's session, as another instance would.
	 * @param browser the browser
	 * @param user the new record
	 */
	public void write(Browser browser, SessionUser user) {
		byte[] value = new PlainJsonRedisSerializer().serialize(user.toJson());
		this.connection.sync().hset(key(browser), "sessionAttr:AUTH_USER", new String(value, StandardCharsets.UTF_8));
	}

	/**
	 * The session id behind a browser's cookie.
	 * @param browser the browser
	 * @return the session id
	 */
	public String id(Browser browser) {
		return idOf(browser.cookie("SESSION"));
	}

	/**
	 * The session id behind a {@code SESSION} cookie value.
	 * @param cookie the cookie value
	 * @return the session id
	 */
	public String idOf(String cookie) {
		return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
	}

	/**
	 * Plain Redis commands, for keys the starter keeps beside the session.
	 * @return the commands
	 */
	public RedisCommands<String, String> redis() {
		return this.connection.sync();
	}

	/**
	 * How many sessions Redis holds.
	 * @return the number of session keys
	 */
	public long count() {
		return this.connection.sync().keys(this.sessionKeyPrefix + "*").size();
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
