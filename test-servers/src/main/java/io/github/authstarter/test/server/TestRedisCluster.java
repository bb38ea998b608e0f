package io.github.authstarter.test.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import redis.embedded.RedisServer;

/**
 * A Redis Cluster of three masters on loopback, optionally with a replica each, started
 * by the test: {@code redis-server} processes from the {@code PATH} (or
 * {@code AUTH_TEST_REDIS_SERVER}), else the binary bundled by embedded-redis, joined with
 * {@code CLUSTER MEET} and given the 16384 slots in three ranges. With replicas, a
 * stopped master is replaced by its replica within a few seconds (node timeout 1 s).
 */
public final class TestRedisCluster implements AutoCloseable {

	private static final int SLOTS = 16384;

	private static final int MASTERS = 3;

	private final List<Integer> ports = new ArrayList<>();

	private final List<Process> processes = new ArrayList<>();

	private final List<RedisServer> embedded = new ArrayList<>();

	private TestRedisCluster() {
	}

	/**
	 * Starts three masters and waits until the cluster reports {@code cluster_state:ok}.
	 * @return the cluster
	 */
	public static TestRedisCluster start() {
		return start(false);
	}

	/**
	 * Starts three masters with one replica each and waits until every replica is in
	 * sync.
	 * @return the cluster
	 */
	public static TestRedisCluster startWithReplicas() {
		return start(true);
	}

	private static TestRedisCluster start(boolean replicas) {
		TestRedisCluster cluster = new TestRedisCluster();
		try {
			cluster.startNodes(replicas ? 2 * MASTERS : MASTERS, replicas ? "1000" : "15000");
			cluster.join();
			if (replicas) {
				cluster.replicate();
			}
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * The node list for {@code spring.data.redis.cluster.nodes}.
	 * @return host:port pairs, comma-separated
	 */
	public String nodes() {
		return this.ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	/**
	 * The Spring properties that point an application at this cluster.
	 * @return the properties
	 */
	public Map<String, Object> properties() {
		return Map.of("spring.data.redis.cluster.nodes", nodes());
	}

	/**
	 * The index of the master that serves a key, as its slot decides.
	 * @param key the key
	 * @return the master's index, 0 to 2
	 */
	public int masterOf(String key) {
		int slot = Integer.parseInt(RedisCommand.send(this.ports.get(0), "CLUSTER KEYSLOT " + key).substring(1));
		return Math.min(slot / (SLOTS / MASTERS), MASTERS - 1);
	}

	/**
	 * Waits until a master's replica has received everything the master has written.
	 * @param master the master's index, 0 to 2
	 */
	public void awaitReplicated(int master) {
		RedisCommand.awaitReplicated(this.ports.get(master));
	}

	/**
	 * Stops a master's process, as a crash would; its replica takes over.
	 * @param master the master's index, 0 to 2
	 */
	public void stopMaster(int master) {
		if (!this.processes.isEmpty()) {
			this.processes.get(master).destroyForcibly();
		}
		else {
			try {
				this.embedded.get(master).stop();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Waits until the replica of a stopped master has taken over its slots.
	 * @param master the stopped master's index
	 * @param timeout how long to wait
	 */
	public void awaitFailover(int master, Duration timeout) {
		int replica = this.ports.get(MASTERS + master);
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			String role = RedisCommand.send(replica, "INFO replication");
			if (role.contains("role:master")
					&& RedisCommand.send(replica, "CLUSTER INFO").contains("cluster_state:ok")) {
				return;
			}
			RedisCommand.pause();
		}
		throw new IllegalStateException("The replica of master " + master + " did not take over");
	}

	private void startNodes(int count, String nodeTimeoutMillis) {
		String executable = TestRedis.redisServerExecutable();
		for (int i = 0; i < count; i++) {
			int port = FreePorts.find();
			Path directory;
			try {
				directory = Files.createTempDirectory("auth-test-redis-cluster");
				if (executable != null) {
					this.processes.add(new ProcessBuilder(executable, "--port", String.valueOf(port), "--bind",
							"127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
							"--cluster-node-timeout", nodeTimeoutMillis, "--dir", directory.toString(), "--save", "",
							"--appendonly", "no")
						.redirectErrorStream(true)
						.redirectOutput(ProcessBuilder.Redirect.DISCARD)
						.start());
				}
				else {
					RedisServer server = RedisServer.newRedisServer()
						.port(port)
						.bind("127.0.0.1")
						.setting("cluster-enabled yes")
						.setting("cluster-config-file nodes.conf")
						.setting("cluster-node-timeout " + nodeTimeoutMillis)
						.setting("dir " + directory)
						.setting("save \"\"")
						.setting("appendonly no")
						.build();
					server.start();
					this.embedded.add(server);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.ports.add(port);
			TestRedis.awaitPong(port);
		}
	}

	private void join() {
		int perNode = SLOTS / MASTERS;
		for (int i = 0; i < MASTERS; i++) {
			int first = i * perNode;
			int last = (i == MASTERS - 1) ? SLOTS - 1 : first + perNode - 1;
			String slots = IntStream.rangeClosed(first, last)
				.mapToObj(String::valueOf)
				.collect(Collectors.joining(" "));
			expectOk(this.ports.get(i), "CLUSTER ADDSLOTS " + slots);
		}
		for (int i = 1; i < this.ports.size(); i++) {
			expectOk(this.ports.get(0), "CLUSTER MEET 127.0.0.1 " + this.ports.get(i));
		}
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			if (this.ports.stream()
				.allMatch((port) -> RedisCommand.send(port, "CLUSTER INFO").contains("cluster_state:ok")
						&& RedisCommand.send(port, "CLUSTER INFO")
							.contains("cluster_known_nodes:" + this.ports.size()))) {
				return;
			}
			RedisCommand.pause();
		}
		throw new IllegalStateException("The test Redis Cluster did not reach cluster_state:ok");
	}

	private void replicate() {
		for (int i = 0; i < MASTERS; i++) {
			String masterId = RedisCommand.send(this.ports.get(i), "CLUSTER MYID");
			expectOk(this.ports.get(MASTERS + i), "CLUSTER REPLICATE " + masterId);
		}
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			if (this.ports.subList(MASTERS, this.ports.size())
				.stream()
				.allMatch((port) -> RedisCommand.send(port, "INFO replication").contains("master_link_status:up"))) {
				return;
			}
			RedisCommand.pause();
		}
		throw new IllegalStateException("The test Redis Cluster's replicas did not sync");
	}

	private static void expectOk(int port, String command) {
		String reply = RedisCommand.send(port, command);
		if (!reply.equals("+OK")) {
			throw new IllegalStateException("Redis on port " + port + " answered " + reply);
		}
	}

	@Override
	public void close() {
		this.processes.forEach(Process::destroy);
		for (RedisServer server : this.embedded) {
			try {
				server.stop();
			}
			catch (IOException ex) {
				// stopping anyway
			}
		}
	}

}
