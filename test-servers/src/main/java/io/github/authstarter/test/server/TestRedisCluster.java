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
 * A Redis Cluster of three masters on loopback, started by the test: {@code redis-server}
 * processes from the {@code PATH} (or {@code AUTH_TEST_REDIS_SERVER}), else the binary
 * bundled by embedded-redis, joined with {@code CLUSTER MEET} and given the 16384 slots
 * in three ranges.
 */
public final class TestRedisCluster implements AutoCloseable {

	private static final int SLOTS = 16384;

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
		TestRedisCluster cluster = new TestRedisCluster();
		try {
			cluster.startNodes();
			cluster.join();
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

	private void startNodes() {
		String executable = TestRedis.redisServerExecutable();
		for (int i = 0; i < 3; i++) {
			int port = FreePorts.find();
			Path directory;
			try {
				directory = Files.createTempDirectory("auth-test-redis-cluster");
				if (executable != null) {
					this.processes.add(new ProcessBuilder(executable, "--port", String.valueOf(port), "--bind",
							"127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--dir",
							directory.toString(), "--save", "", "--appendonly", "no")
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
		int perNode = SLOTS / this.ports.size();
		for (int i = 0; i < this.ports.size(); i++) {
			int first = i * perNode;
			int last = (i == this.ports.size() - 1) ? SLOTS - 1 : first + perNode - 1;
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
						&& RedisCommand.send(port, "CLUSTER INFO").contains("cluster_known_nodes:3"))) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IllegalStateException("The test Redis Cluster did not reach cluster_state:ok");
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
