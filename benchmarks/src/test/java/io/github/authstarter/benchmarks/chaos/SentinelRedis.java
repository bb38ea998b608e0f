package io.github.authstarter.benchmarks.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.authstarter.test.server.RedisCommand;
import io.github.authstarter.test.server.TestRedisSentinel;

/** Redis with Sentinel: master, replica and three sentinels. */
final class SentinelRedis implements ChaosRedis {

	private final TestRedisSentinel redis;

	SentinelRedis(Path logs) {
		this.redis = TestRedisSentinel.start(logs);
	}

	@Override
	public Map<String, Object> properties() {
		return this.redis.properties();
	}

	@Override
	public int masterToKill() {
		return this.redis.masterPort();
	}

	@Override
	public int replicaOf(int master) {
		return this.redis.nodePorts().stream().filter((port) -> port != master).findFirst().orElseThrow();
	}

	@Override
	public String keyOn(int master) {
		return "auth-chaos:wait-marker";
	}

	@Override
	public void kill(int port) {
		this.redis.kill(port);
	}

	@Override
	public void restartAsReplica(int port, int successor) {
		// the node is told its master by a sentinel: not before each has switched over
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.redis.masterPort() != successor && System.nanoTime() < deadline) {
			ChaosSystem.sleep(100);
		}
		this.redis.restartAsReplica(port);
		ChaosRedis.awaitReplicating(port);
	}

	@Override
	public List<Integer> nodePorts() {
		return this.redis.nodePorts();
	}

	@Override
	public String sendToOwner(String command) {
		return RedisCommand.send(this.redis.masterPort(), command);
	}

	@Override
	public void close() {
		this.redis.close();
	}

}
