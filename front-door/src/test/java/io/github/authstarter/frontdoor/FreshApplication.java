package io.github.authstarter.frontdoor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The fresh application, copied from the test resources into a folder of its own with
 * this build's versions, and the Maven runs on it.
 */
final class FreshApplication {

	private final Path directory;

	private final Path root;

	private final Path settings;

	FreshApplication(Path directory, Path root, Path settings) {
		this.directory = directory;
		this.root = root;
		this.settings = settings;
	}

	/** Writes the application, its placeholders replaced by this build's versions. */
	void write(Map<String, String> versions) throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:fresh-app/**/*.*");
		for (Resource file : files) {
			String path = file.getURI().toString();
			String relative = path.substring(path.indexOf("fresh-app/") + "fresh-app/".length());
			Path target = this.directory.resolve(relative);
			Files.createDirectories(target.getParent());
			try (InputStream in = file.getInputStream()) {
				String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				for (Map.Entry<String, String> version : versions.entrySet()) {
					text = text.replace("@" + version.getKey() + "@", version.getValue());
				}
				Files.writeString(target, text);
			}
		}
	}

	/** Starts Maven on the application, its output going to a log file. */
	Process maven(Path log, String... goals) {
		List<String> command = new ArrayList<>(List.of(this.root.resolve("mvnw").toString(), "-B", "-s",
				this.settings.toString(), "-f", this.directory.resolve("pom.xml").toString()));
		command.addAll(List.of(goals));
		try {
			return new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path directory() {
		return this.directory;
	}

	static URI url(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
