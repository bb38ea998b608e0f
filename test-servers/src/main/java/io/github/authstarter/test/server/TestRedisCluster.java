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
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
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

	/** The nodes' processes, or {@code null} on the binary bundled by embedded-redis. */
	private final @Nullable RedisNodes nodes;

	private final List<RedisServer> embedded = new ArrayList<>();

	private String nodeTimeoutMillis = "15000";

	private TestRedisCluster(@Nullable RedisNodes nodes) {
		this.nodes = nodes;
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

	/**
	 * Starts three masters with one replica each, all {@code redis-server} processes
	 * logging to files, for tests that kill nodes and start them again.
	 * @param logDirectory where each node's log goes
	 * @return the cluster
	 */
	public static TestRedisCluster startWithReplicas(Path logDirectory) {
		String executable = TestRedis.redisServerExecutable();
		if (executable == null) {
			throw new IllegalStateException("no redis-server on the PATH");
		}
		return start(true, new RedisNodes(executable, logDirectory));
	}

	private static TestRedisCluster start(boolean replicas) {
		String executable = TestRedis.redisServerExecutable();
		return start(replicas, (executable != null) ? new RedisNodes(executable, null) : null);
	}

	private static TestRedisCluster start(boolean replicas, @Nullable RedisNodes nodes) {
		TestRedisCluster cluster = new TestRedisCluster(nodes);
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
		if (this.nodes != null) {
			this.nodes.kill(this.ports.get(master));
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

	/**
	 * Every node's port, masters first as started; roles change with failovers.
	 * @return the ports
	 */
	public List<Integer> nodePorts() {
		return List.copyOf(this.ports);
	}

	/**
	 * Kills a node's process ({@code SIGKILL}), as a crash would.
	 * @param port the node's port
	 */
	public void kill(int port) {
		requireProcesses().kill(port);
	}

	/**
	 * Starts a killed node again with its {@code nodes.conf} and no data: it rejoins the
	 * cluster, and a master whose slots a replica took over meanwhile becomes that one's
	 * replica, as an operator brings a failed node back.
	 * @param port the node's port
	 */
	public void restart(int port) {
		requireProcesses().start(port, clusterSettings());
	}

	private RedisNodes requireProcesses() {
		return Objects.requireNonNull(this.nodes, "the bundled Redis binary's nodes cannot be killed and restarted");
	}

	private String[] clusterSettings() {
		return new String[] { "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
				"--cluster-node-timeout", this.nodeTimeoutMillis };
	}

	private void startNodes(int count, String nodeTimeoutMillis) {
		this.nodeTimeoutMillis = nodeTimeoutMillis;
		for (int i = 0; i < count; i++) {
			int port = FreePorts.find();
			if (this.nodes != null) {
				this.nodes.start(port, clusterSettings());
			}
			else {
				try {
					Path directory = Files.createTempDirectory("auth-test-redis-cluster");
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
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				TestRedis.awaitPong(port);
			}
			this.ports.add(port);
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
		if (this.nodes != null) {
			this.nodes.close();
		}
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
