package io.github.authstarter.test.server;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server for the tests of this JVM, started once from the machine's own
 * binaries ({@code postgres} and {@code initdb} on the {@code PATH}, or under
 * {@code /usr/lib/postgresql/<version>/bin}; {@code .ci/run} installs Debian's package
 * where they are missing): a fresh cluster in a temporary directory, on a free loopback
 * port, trusting loopback connections, its files in memory's way (no fsync). Run as root,
 * it runs as the {@code postgres} user, which PostgreSQL requires.
 */
public final class TestPostgres {

	private static final String USER = "auth";

	private static TestPostgres shared;

	private final int port;

	private final Path directory;

	private TestPostgres(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Returns the server of this JVM, starting it on first use.
	 * @return the server
	 * @throws IllegalStateException when no PostgreSQL binaries are installed
	 */
	public static synchronized TestPostgres get() {
		if (shared == null) {
			shared = start();
			System.out.println("Test PostgreSQL: process at " + shared.url() + " (" + shared.directory + ")");
		}
		return shared;
	}

	/**
	 * The JDBC URL of the server's {@code postgres} database.
	 * @return the URL
	 */
	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	public String username() {
		return USER;
	}

	/**
	 * The Spring properties that point an application's {@code DataSource} here.
	 * @return the properties
	 */
	public Map<String, Object> properties() {
		return Map.of("spring.datasource.url", url(), "spring.datasource.username", USER);
	}

	private static TestPostgres start() {
		Path bin = binaries();
		try {
			Path directory = Files.createTempDirectory("auth-test-postgres");
			boolean root = "root".equals(System.getProperty("user.name"));
			if (root) {
				// PostgreSQL refuses to run as root
				UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
				Files.setOwner(directory, users.lookupPrincipalByName("postgres"));
			}
			Path data = directory.resolve("data");
			run(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust", "-E",
					"UTF8", "--no-sync"), directory.resolve("initdb.log"));
			int port = FreePorts.find();
			List<String> server = command(root,
					List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port), "-h",
							"127.0.0.1", "-k", directory.toString(), "-c", "fsync=off", "-c", "synchronous_commit=off",
							"-c", "full_page_writes=off"));
			Process process = new ProcessBuilder(server).redirectErrorStream(true)
				.redirectOutput(directory.resolve("postgres.log").toFile())
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				process.destroy();
				deleteQuietly(directory);
			}));
			awaitPort(port, process, directory.resolve("postgres.log"));
			return new TestPostgres(port, directory);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start PostgreSQL from " + bin, ex);
		}
	}

	private static void run(boolean root, List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(command(root, command)).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (process.waitFor() != 0) {
				throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static List<String> command(boolean root, List<String> command) {
		if (!root) {
			return command;
		}
		List<String> asPostgres = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
		asPostgres.addAll(command);
		return asPostgres;
	}

	private static void awaitPort(int port, Process process, Path log) throws IOException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("PostgreSQL stopped: " + Files.readString(log));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				Thread.onSpinWait();
			}
		}
		throw new IllegalStateException("PostgreSQL did not listen on " + port + ": " + Files.readString(log));
	}

	/**
	 * Whether PostgreSQL's binaries are installed here.
	 * @return whether {@link #get()} can start a server
	 */
	public static boolean installed() {
		try {
			binaries();
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	static Path binaries() {
		Path onPath = onPath("initdb");
		if (onPath != null) {
			try {
				// Debian links them from /usr/lib/postgresql/<version>/bin, beside
				// postgres
				return onPath.toRealPath().getParent();
			}
			catch (IOException ex) {
				return onPath.getParent();
			}
		}
		Path debian = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(debian)) {
			try (Stream<Path> versions = Files.list(debian)) {
				Path newest = versions.filter((version) -> Files.isExecutable(version.resolve("bin/initdb")))
					.max(Comparator.comparing((version) -> version.getFileName().toString()))
					.orElse(null);
				if (newest != null) {
					return newest.resolve("bin");
				}
			}
			catch (IOException ex) {
				// none usable
			}
		}
		throw new IllegalStateException("No PostgreSQL found (initdb on the PATH or under /usr/lib/postgresql): "
				+ "install Debian's postgresql package, as .ci/run does");
	}

	private static @Nullable Path onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory: the machine cleans it up
		}
	}

}
