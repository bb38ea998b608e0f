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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Redis with Sentinel on loopback, started by the test: one master, one replica and three
 * sentinels (quorum 2, a master is down after 1 s), all {@code redis-server} processes
 * from the {@code PATH} (or {@code AUTH_TEST_REDIS_SERVER}). Stopping the master makes
 * the sentinels promote the replica within a few seconds.
 */
public final class TestRedisSentinel implements AutoCloseable {

	/** The name the sentinels monitor the master by. */
	public static final String MASTER_NAME = "mymaster";

	private static final Pattern MASTER_ADDRESS = Pattern.compile("master0:[^\\r\\n]*address=[^:]+:(\\d+)");

	private final String executable;

	private final List<Process> processes = new ArrayList<>();

	/** The data nodes' processes by port, for the faults that kill and restart them. */
	private final Map<Integer, Process> nodes = new ConcurrentHashMap<>();

	private final @Nullable Path logDirectory;

	private int masterPort;

	private int replicaPort;

	private final List<Integer> sentinelPorts = new ArrayList<>();

	private TestRedisSentinel(String executable, @Nullable Path logDirectory) {
		this.executable = executable;
		this.logDirectory = logDirectory;
	}

	/**
	 * The {@code redis-server} this machine has, if any: Sentinel needs a real one.
	 * @return the executable, or {@code null}
	 */
	public static @Nullable String executable() {
		return TestRedis.redisServerExecutable();
	}

	/**
	 * Starts the master, the replica and the sentinels, and waits until the sentinels
	 * know the replica and each other.
	 * @return the running setup
	 * @throws IllegalStateException when this machine has no {@code redis-server}
	 */
	public static TestRedisSentinel start() {
		return start(null);
	}

	/**
	 * Starts the master, the replica and the sentinels, each writing its log to a file of
	 * its own in {@code logDirectory}, and waits until the sentinels know the replica and
	 * each other.
	 * @param logDirectory where the processes' logs go, or {@code null} to discard them
	 * @return the running setup
	 * @throws IllegalStateException when this machine has no {@code redis-server}
	 */
	public static TestRedisSentinel start(@Nullable Path logDirectory) {
		String executable = executable();
		if (executable == null) {
			throw new IllegalStateException("Redis Sentinel tests need redis-server on the PATH");
		}
		TestRedisSentinel sentinel = new TestRedisSentinel(executable, logDirectory);
		try {
			sentinel.startAll();
			return sentinel;
		}
		catch (RuntimeException ex) {
			sentinel.close();
			throw ex;
		}
	}

	private void startAll() {
		this.masterPort = FreePorts.find();
		server(this.masterPort);
		this.replicaPort = FreePorts.find();
		server(this.replicaPort, "--replicaof", "127.0.0.1", String.valueOf(this.masterPort));
		for (int i = 0; i < 3; i++) {
			int port = FreePorts.find();
			Path config = directory().resolve("sentinel.conf");
			try {
				Files.writeString(config, """
						port %d
						bind 127.0.0.1
						sentinel monitor %s 127.0.0.1 %d 2
						sentinel down-after-milliseconds %s 1000
						sentinel failover-timeout %s 5000
						sentinel parallel-syncs %s 1
						""".formatted(port, MASTER_NAME, this.masterPort, MASTER_NAME, MASTER_NAME, MASTER_NAME));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			process(List.of(this.executable, config.toString(), "--sentinel"), "sentinel-" + port);
			this.sentinelPorts.add(port);
			TestRedis.awaitPong(port);
		}
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			// INFO sentinel:
			// master0:name=mymaster,status=ok,address=...,slaves=1,sentinels=3
			boolean ready = this.sentinelPorts.stream().allMatch((port) -> {
				String info = RedisCommand.send(port, "INFO sentinel");
				return info.contains("status=ok") && info.contains("slaves=1") && info.contains("sentinels=3");
			}) && RedisCommand.send(this.replicaPort, "INFO replication").contains("master_link_status:up");
			if (ready) {
				return;
			}
			RedisCommand.pause();
		}
		throw new IllegalStateException("The test Redis Sentinel setup did not get ready");
	}

	/**
	 * The Spring properties that point an application at the sentinels.
	 * @return the properties
	 */
	public Map<String, Object> properties() {
		return Map.of("spring.data.redis.sentinel.master", MASTER_NAME, "spring.data.redis.sentinel.nodes",
				this.sentinelPorts.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(",")));
	}

	/**
	 * Stops the master's process, as a crash would.
	 */
	public void stopMaster() {
		kill(this.masterPort);
	}

	/**
	 * Waits until the replica has received everything the master has written.
	 */
	public void awaitReplicated() {
		RedisCommand.awaitReplicated(this.masterPort);
	}

	/**
	 * Waits until the sentinels have made the replica the master.
	 * @param timeout how long to wait
	 */
	public void awaitFailover(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (RedisCommand.send(this.replicaPort, "INFO replication").contains("role:master")) {
				return;
			}
			RedisCommand.pause();
		}
		throw new IllegalStateException("The sentinels did not promote the replica");
	}

	/**
	 * The port of the node the sentinels name as master now.
	 * @return the port
	 */
	public int masterPort() {
		// INFO sentinel: master0:name=mymaster,status=ok,address=127.0.0.1:port,...
		String info = RedisCommand.send(this.sentinelPorts.get(0), "INFO sentinel");
		Matcher address = MASTER_ADDRESS.matcher(info);
		if (!address.find()) {
			throw new IllegalStateException("The sentinels name no master: " + info);
		}
		return Integer.parseInt(address.group(1));
	}

	/**
	 * The ports of the data nodes (master and replica), whichever is master now.
	 * @return the ports
	 */
	public List<Integer> nodePorts() {
		return List.of(this.masterPort, this.replicaPort);
	}

	/**
	 * Kills a data node's process ({@code SIGKILL}), as a crash would.
	 * @param port the node's port
	 */
	public void kill(int port) {
		Process process = this.nodes.remove(port);
		if (process != null) {
			process.destroyForcibly();
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Starts a killed data node again, empty, as a replica of the current master, as an
	 * operator brings a failed master back.
	 * @param port the node's port
	 */
	public void restartAsReplica(int port) {
		server(port, "--replicaof", "127.0.0.1", String.valueOf(masterPort()));
	}

	private void server(int port, String... more) {
		List<String> command = new ArrayList<>(List.of(this.executable, "--port", String.valueOf(port), "--bind",
				"127.0.0.1", "--dir", directory().toString(), "--save", "", "--appendonly", "no"));
		command.addAll(List.of(more));
		this.nodes.put(port, process(command, "redis-" + port));
		TestRedis.awaitPong(port);
	}

	private Process process(List<String> command, String name) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.redirectOutput((this.logDirectory != null)
				? ProcessBuilder.Redirect.appendTo(this.logDirectory.resolve(name + ".log").toFile())
				: ProcessBuilder.Redirect.DISCARD);
		try {
			Process process = builder.start();
			this.processes.add(process);
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path directory() {
		try {
			return Files.createTempDirectory("auth-test-redis-sentinel");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.processes.forEach(Process::destroyForcibly);
	}

}
