package io.github.authstarter.frontdoor;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.FreePorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door as a new user walks through it: an application written from the README
 * (the BOM, the starter, the test kit, a controller taking {@code CurrentUser}, a
 * {@code TestFreshApplication} with one line, one provider in {@code application.yml}),
 * built by Maven from the artifacts this build made. {@code spring-boot:test-run} signs
 * alice in with no provider and no Redis installed; the application's jar carries none of
 * the dev services and, started without a provider, fails naming the property.
 */
class FrontDoorIntegrationTests {

	@TempDir
	static Path work;

	private static FreshApplication app;

	/**
	 * The same application on the other supported Boot line, with the jars built here.
	 */
	private static FreshApplication onPreviousBoot;

	@BeforeAll
	static void writeTheApplication() throws IOException {
		Path root = Path.of(System.getProperty("frontdoor.root"));
		String version = System.getProperty("frontdoor.version");
		LocalRepository repository = new LocalRepository(root, work.resolve("repository"), version);
		repository.installStarter();
		Path settings = repository.settings(work, Path.of(System.getProperty("frontdoor.local-repository")));
		app = new FreshApplication(work.resolve("fresh-app"), root, settings);
		app.write(versions(version, "frontdoor."));
		onPreviousBoot = new FreshApplication(work.resolve("fresh-app-previous-boot"), root, settings);
		onPreviousBoot.write(versions(version, "frontdoor.previous."));
	}

	private static Map<String, String> versions(String version, String prefix) {
		return Map.of("version", version, "spring-boot.version", System.getProperty(prefix + "spring-boot.version"),
				"spring-session.version", System.getProperty(prefix + "spring-session.version"), "netty.version",
				System.getProperty(prefix + "netty.version"));
	}

	@Test
	void testRunSignsAliceInWithNothingInstalled() throws Exception {
		signsAliceIn(app, "test-run.log");
	}

	@Test
	void theJarsBuiltOnThisBootLineWorkOnTheOtherSupportedOne() throws Exception {
		// users on Boot 4.0 get the same jars, compiled against 4.1: they must link
		signsAliceIn(onPreviousBoot, "test-run-previous-boot.log");
	}

	private static void signsAliceIn(FreshApplication fresh, String logName) throws Exception {
		int port = FreePorts.find();
		Path log = work.resolve(logName);
		Process maven = fresh.maven(log, "spring-boot:test-run", "-Dspring-boot.run.arguments=--server.port=" + port);
		try {
			awaitStarted(maven, port, log);
			try (Browser alice = new Browser()) {
				alice.loginAs(FreshApplication.url(port, "/auth/login/corp").toString(), "alice");
				HttpResponse<String> hello = alice.get(FreshApplication.url(port, "/hello").toString());
				assertThat(hello.statusCode()).isEqualTo(200);
				assertThat(hello.body()).isEqualTo("Hello, Alice Dev");
			}
			assertThat(Files.readString(log)).contains("Auth dev services (test sources only")
				.contains("serving 'corp' (it has no issuer-uri)");
		}
		finally {
			stop(maven);
		}
	}

	@Test
	void theJarCarriesNoneOfItAndFailsWithoutAProviderNamingTheProperty() throws Exception {
		Path log = work.resolve("package.log");
		Process maven = app.maven(log, "-q", "package", "-DskipTests");
		try {
			assertThat(maven.waitFor(5, TimeUnit.MINUTES)).as("mvn package finished").isTrue();
			assertThat(maven.exitValue()).as(tail(log)).isZero();
		}
		finally {
			stop(maven);
		}
		Path jar = app.directory().resolve("target/fresh-app-0.0.1.jar");
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			List<String> entries = zip.stream().map(ZipEntry::getName).toList();
			assertThat(entries).anyMatch((name) -> name.contains("auth-spring-boot-starter-"));
			assertThat(entries).noneMatch((name) -> name.contains("test-servers") || name.contains("/test/dev/")
					|| name.contains("TestFreshApplication"));
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		Path output = work.resolve("jar.log");
		Process started = new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=0").redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			assertThat(started.waitFor(2, TimeUnit.MINUTES)).as("the jar refused to start").isTrue();
			assertThat(started.exitValue()).isNotZero();
			assertThat(Files.readString(output)).contains("auth.providers.corp").doesNotContain("Auth dev services");
		}
		finally {
			stop(started);
		}
	}

	private static void awaitStarted(Process maven, int port, Path log) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
		while (Instant.now().isBefore(deadline)) {
			if (!maven.isAlive()) {
				throw new AssertionError("spring-boot:test-run ended with " + maven.exitValue() + ":\n" + tail(log));
			}
			try {
				http.send(HttpRequest.newBuilder(FreshApplication.url(port, "/auth/login")).build(),
						HttpResponse.BodyHandlers.discarding());
				return;
			}
			catch (IOException ex) {
				// not listening yet
				maven.waitFor(500, TimeUnit.MILLISECONDS);
			}
		}
		throw new AssertionError("the application did not start within 5 minutes:\n" + tail(log));
	}

	private static void stop(Process process) throws InterruptedException {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
