package io.github.authstarter.test.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * A Redis server of its own that a test can stop and start again on the same port with
 * the data it had (saved to a temporary directory before stopping), to test outages:
 * {@code redis-server} from the {@code PATH} (or {@code AUTH_TEST_REDIS_SERVER}), else
 * the binary bundled by embedded-redis.
 */
public final class RestartableRedis implements AutoCloseable {

	private final int port = FreePorts.find();

	private final Path directory;

	private @Nullable Process process;

	private @Nullable RedisServer embedded;

	private RestartableRedis() {
		try {
			this.directory = Files.createTempDirectory("auth-test-redis");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts a new server.
	 * @return the running server
	 */
	public static RestartableRedis start() {
		return new RestartableRedis().startAgain();
	}

	/**
	 * Starts the server again, with the data saved when it stopped.
	 * @return this server
	 */
	public synchronized RestartableRedis startAgain() {
		if (this.process != null || this.embedded != null) {
			return this;
		}
		String executable = TestRedis.redisServerExecutable();
		List<String> settings = List.of("--port", String.valueOf(this.port), "--bind", "127.0.0.1", "--dir",
				this.directory.toString(), "--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no");
		try {
			if (executable != null) {
				this.process = new ProcessBuilder(concat(executable, settings)).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
			}
			else {
				this.embedded = RedisServer.newRedisServer()
					.port(this.port)
					.bind("127.0.0.1")
					.setting("dir " + this.directory)
					.setting("dbfilename dump.rdb")
					.setting("save \"\"")
					.setting("appendonly no")
					.build();
				this.embedded.start();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		TestRedis.awaitPong(this.port);
		return this;
	}

	/**
	 * Saves the data and stops the server; connections are refused until
	 * {@link #startAgain()}.
	 */
	public synchronized void stop() {
		RedisCommand.send(this.port, "SAVE");
		if (this.process != null) {
			this.process.destroy();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
		if (this.embedded != null) {
			try {
				this.embedded.stop();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.embedded = null;
		}
	}

	/**
	 * The URL for {@code spring.data.redis.url}.
	 * @return the URL
	 */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * The Spring properties that point an application at this server.
	 * @return the properties
	 */
	public Map<String, Object> properties() {
		return Map.of("spring.data.redis.url", url());
	}

	@Override
	public void close() {
		stop();
	}

	private static List<String> concat(String first, List<String> rest) {
		return Stream.concat(Stream.of(first), rest.stream()).toList();
	}

}
