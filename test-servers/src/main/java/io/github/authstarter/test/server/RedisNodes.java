package io.github.authstarter.test.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * {@code redis-server} processes on loopback by port, each with a directory of its own
 * that outlives the process, so a node killed and started again finds its
 * {@code nodes.conf} (but no data: without persistence it comes back empty); output to a
 * log file per node, or nowhere.
 */
final class RedisNodes implements AutoCloseable {

	private final String executable;

	private final @Nullable Path logDirectory;

	private final Map<Integer, Process> running = new ConcurrentHashMap<>();

	private final Map<Integer, Path> directories = new ConcurrentHashMap<>();

	private final List<Process> started = new CopyOnWriteArrayList<>();

	RedisNodes(String executable, @Nullable Path logDirectory) {
		this.executable = executable;
		this.logDirectory = logDirectory;
	}

	/**
	 * Starts a node, without persistence, and waits until it answers.
	 * @param port its port
	 * @param settings more command-line settings
	 */
	void start(int port, String... settings) {
		Path directory = this.directories.computeIfAbsent(port, (key) -> directory());
		try {
			// a replica's last full sync left its data here, which a restart would load:
			// a node comes back empty, as without persistence it should
			Files.deleteIfExists(directory.resolve("dump.rdb"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> command = new ArrayList<>(List.of(this.executable, "--port", String.valueOf(port), "--bind",
				"127.0.0.1", "--dir", directory.toString(), "--save", "", "--appendonly", "no"));
		command.addAll(List.of(settings));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.redirectOutput((this.logDirectory != null)
				? ProcessBuilder.Redirect.appendTo(this.logDirectory.resolve("redis-" + port + ".log").toFile())
				: ProcessBuilder.Redirect.DISCARD);
		try {
			Process process = builder.start();
			this.started.add(process);
			this.running.put(port, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		TestRedis.awaitPong(port);
	}

	/**
	 * Kills a node's process ({@code SIGKILL}), as a crash would, and waits until it is
	 * gone.
	 * @param port the node's port
	 */
	void kill(int port) {
		Process process = this.running.remove(port);
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

	private static Path directory() {
		try {
			return Files.createTempDirectory("auth-test-redis");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.started.forEach(Process::destroyForcibly);
	}

}
