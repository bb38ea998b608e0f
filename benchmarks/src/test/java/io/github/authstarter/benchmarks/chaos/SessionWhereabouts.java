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

	static String of(ChaosRedis redis, @Nullable String cookie) {
		if (cookie == null) {
			return "no session cookie";
		}
		String key = "spring:session:sessions:"
				+ new String(Base64.getDecoder().decode(cookie), StandardCharsets.ISO_8859_1);
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
