package io.github.authstarter.testbed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.api.sync.RedisCommands;

/**
 * Counts the commands a Redis server ran, by command, from its own
 * {@code INFO commandstats}: what the hot-path tests assert on, never a time.
 */
public final class RedisCommandCounts {

	private final RedisCommands<String, String> redis;

	private final Set<String> ignored;

	/**
	 * Counts on a server, leaving some commands out.
	 * @param redis a connection to the server
	 * @param ignored commands not counted: {@code info}, which measures, always; others
	 * such as {@code ping} (heartbeats) where a test says so
	 */
	public RedisCommandCounts(RedisCommands<String, String> redis, String... ignored) {
		this.redis = redis;
		this.ignored = Set.of(ignored);
	}

	/**
	 * The calls of every command so far.
	 * @return the calls by command name
	 */
	public Map<String, Long> now() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String line : this.redis.info("commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_")) {
				String name = line.substring("cmdstat_".length(), line.indexOf(':'));
				String calls = line.substring(line.indexOf("calls=") + 6);
				counts.put(name, Long.parseLong(calls.substring(0, calls.indexOf(','))));
			}
		}
		return counts;
	}

	/**
	 * The commands run since an earlier count, without {@code INFO} and the ignored ones.
	 * @param before the earlier count
	 * @return the calls by command name, only those that ran
	 */
	public Map<String, Long> since(Map<String, Long> before) {
		Map<String, Long> spent = new LinkedHashMap<>();
		now().forEach((name, calls) -> {
			long delta = calls - before.getOrDefault(name, 0L);
			if (!"info".equals(name) && !this.ignored.contains(name) && delta > 0) {
				spent.put(name, delta);
			}
		});
		return spent;
	}

}
