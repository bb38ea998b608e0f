package io.github.authstarter.benchmarks.chaos;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.authstarter.test.server.RedisCommand;
import io.github.authstarter.test.server.TestRedisCluster;

/**
 * Redis Cluster: three masters with a replica each. Each master kill takes the next
 * master in turn, so every shard fails over in a long run.
 */
final class ClusterRedis implements ChaosRedis {

	private static final int SHARDS = 3;

	private static final Pattern MOVED = Pattern.compile("^-MOVED \\d+ [^:]+:(\\d+)");

	private final TestRedisCluster cluster;

	private int kills;

	ClusterRedis(Path logs) {
		this.cluster = TestRedisCluster.startWithReplicas(logs);
	}

	@Override
	public Map<String, Object> properties() {
		return this.cluster.properties();
	}

	@Override
	public int masterToKill() {
		// shard by shard: a shard's two nodes are the i-th and the (i + 3)-th started
		List<Integer> ports = this.cluster.nodePorts();
		int shard = this.kills++ % SHARDS;
		int first = ports.get(shard);
		return info(first).contains("role:master") ? first : ports.get(shard + SHARDS);
	}

	@Override
	public int replicaOf(int master) {
		for (int port : this.cluster.nodePorts()) {
			String info = info(port);
			if (info.contains("role:slave") && info.contains("master_port:" + master + "\r")) {
				return port;
			}
		}
		throw new IllegalStateException("no replica of the master on port " + master);
	}

	@Override
	public String keyOn(int master) {
		for (int i = 0; i < 1000; i++) {
			String key = "auth-chaos:wait-marker:" + i;
			if (!RedisCommand.send(master, "GET " + key).startsWith("-MOVED")) {
				return key;
			}
		}
		throw new IllegalStateException("no key found for the master on port " + master);
	}

	@Override
	public void kill(int port) {
		this.cluster.kill(port);
	}

	@Override
	public void restartAsReplica(int port, int successor) {
		// the node rejoins with its nodes.conf, and the cluster makes it its successor's
		// replica
		this.cluster.restart(port);
		ChaosRedis.awaitReplicating(port);
	}

	@Override
	public List<Integer> nodePorts() {
		return this.cluster.nodePorts();
	}

	@Override
	public String sendToOwner(String command) {
		for (int port : this.cluster.nodePorts()) {
			String reply;
			try {
				reply = RedisCommand.send(port, command);
			}
			catch (RuntimeException ex) {
				// a killed node
				continue;
			}
			Matcher moved = MOVED.matcher(reply);
			if (!moved.find()) {
				return reply;
			}
			try {
				return RedisCommand.send(Integer.parseInt(moved.group(1)), command);
			}
			catch (RuntimeException ex) {
				// the slot's master is down: no answer
				return "";
			}
		}
		throw new IllegalStateException("no Redis Cluster node answers");
	}

	private static String info(int port) {
		try {
			return RedisCommand.send(port, "INFO replication");
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	@Override
	public void close() {
		this.cluster.close();
	}

}
