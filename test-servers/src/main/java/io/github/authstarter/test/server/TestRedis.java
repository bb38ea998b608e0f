package io.github.authstarter.test.server;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

/**
 * A real Redis server for the tests of this JVM, started once: a Testcontainers container
 * when a Docker engine answers, else {@code redis-server} from the {@code PATH} (or
 * {@code AUTH_TEST_REDIS_SERVER}), else the binary bundled by embedded-redis. So the
 * tests need nothing but a JDK.
 */
public final class TestRedis {

	private static TestRedis shared;

	private final String host;

	private final int port;

	private final String kind;

	private TestRedis(String host, int port, String kind) {
		this.host = host;
		this.port = port;
		this.kind = kind;
	}

	/**
	 * Returns the Redis server of this JVM, starting it on first use.
	 * @return the server
	 */
	public static synchronized TestRedis get() {
		if (shared == null) {
			shared = start();
			System.out.println("Test Redis: " + shared.kind + " at " + shared.url());
		}
		return shared;
	}

	/**
	 * The URL for {@code spring.data.redis.url}.
	 * @return the URL
	 */
	public String url() {
		return "redis://" + this.host + ":" + this.port;
	}

	public String host() {
		return this.host;
	}

	public int port() {
		return this.port;
	}

	/**
	 * How the server was obtained: docker, process or embedded.
	 * @return the kind
	 */
	public String kind() {
		return this.kind;
	}

	/**
	 * The Spring properties that point an application at this server.
	 * @return the properties
	 */
	public Map<String, Object> properties() {
		return Map.of("spring.data.redis.url", url());
	}

	private static TestRedis start() {
		if (!"false".equals(System.getenv("AUTH_TEST_DOCKER")) && dockerAvailable()) {
			GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
			if (localDocker()) {
				// published on loopback only: a Redis without a password is nobody else's
				// business, least of all during a development session
				container.withCreateContainerCmdModifier((command) -> command.getHostConfig()
					.withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(6379))));
			}
			container.start();
			return new TestRedis(container.getHost(), container.getMappedPort(6379), "docker");
		}
		String executable = redisServerExecutable();
		int port = FreePorts.find();
		if (executable != null) {
			startProcess(executable, port);
			return new TestRedis("127.0.0.1", port, "process " + executable);
		}
		try {
			RedisServer server = embedded(port);
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server)));
			awaitPong(port);
			return new TestRedis("127.0.0.1", port, "embedded");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the embedded Redis", ex);
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static boolean localDocker() {
		String host = DockerClientFactory.instance().dockerHostIpAddress();
		return "localhost".equals(host) || "127.0.0.1".equals(host);
	}

	static @Nullable String redisServerExecutable() {
		String configured = System.getenv("AUTH_TEST_REDIS_SERVER");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			File candidate = new File(directory, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		return null;
	}

	private static void startProcess(String executable, int port) {
		try {
			Process process = new ProcessBuilder(executable, "--port", String.valueOf(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--daemonize", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
			awaitPong(port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + executable, ex);
		}
	}

	static void awaitPong(int port) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				OutputStream out = socket.getOutputStream();
				out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				byte[] answer = in.readNBytes(7);
				if (new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new IllegalStateException("Redis did not answer on port " + port);
	}

	private static void stopQuietly(RedisServer server) {
		try {
			server.stop();
		}
		catch (IOException ex) {
			// the JVM is exiting
		}
	}

	/**
	 * An embedded Redis (the binary bundled by embedded-redis) on a loopback port,
	 * without persistence; not started yet.
	 * @param port the port
	 * @return the server
	 * @throws IOException when the binary cannot be prepared
	 */
	public static RedisServer embedded(int port) throws IOException {
		return RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
	}

}
