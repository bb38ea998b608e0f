package io.github.authstarter.benchmarks.chaos;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.authstarter.test.server.RedisCommand;
import org.jspecify.annotations.Nullable;

/**
 * Where Redis holds a session: each data node's role and whether it has the session's
 * key, so an event such as a logout not seen says whether the session was never deleted
 * or an instance read it from elsewhere.
 */
final class SessionWhereabouts {

	private SessionWhereabouts() {
	}

	/**
	 * Each data node's role, whether it has the session's key and, given the user,
	 * whether its part of the session index (the user's set, which logouts by user read)
	 * names the session.
	 * @param redis the Redis
	 * @param cookie the session cookie's value
	 * @param subject the user, or {@code null}
	 * @return one entry per node
	 */
	static String of(ChaosRedis redis, @Nullable String cookie, @Nullable String subject) {
		if (cookie == null) {
			return "no session cookie";
		}
		String id = new String(Base64.getDecoder().decode(cookie), StandardCharsets.ISO_8859_1);
		String key = "spring:session:sessions:" + id;
		StringBuilder where = new StringBuilder();
		for (int port : redis.nodePorts()) {
			String role;
			String exists;
			try {
				role = RedisCommand.send(port, "INFO replication").contains("role:master") ? "master" : "replica";
				// READONLY lets a Cluster replica answer for its shard (elsewhere it is
				// refused)
				String reply = RedisCommand.sendAll(port, "READONLY", "EXISTS " + key).get(1);
				// a Cluster node that does not serve the key's slot
				exists = reply.equals(":1") ? "key" : reply.startsWith("-MOVED") ? "not its slot" : "no key";
				if (subject != null) {
					String indexed = RedisCommand
						.sendAll(port, "READONLY", "SISMEMBER auth:sessions:test:sub:" + subject + " " + id)
						.get(1);
					exists += indexed.equals(":1") ? ", indexed" : indexed.equals(":0") ? ", not indexed" : "";
				}
			}
			catch (RuntimeException ex) {
				role = "down";
				exists = "-";
			}
			where.append((where.length() > 0) ? "; " : "")
				.append(role)
				.append(' ')
				.append(port)
				.append(": ")
				.append(exists);
		}
		return where.toString();
	}

}
