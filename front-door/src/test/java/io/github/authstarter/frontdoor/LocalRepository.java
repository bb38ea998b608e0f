package io.github.authstarter.frontdoor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A Maven repository of its own for the fresh application: the starter's artifacts as
 * this build made them, everything else from the build's own repository first, so the
 * fresh build leaves the user's repository alone and needs the network only for what this
 * build never used.
 */
final class LocalRepository {

	private static final String GROUP = "io/github/authstarter/";

	private final Path root;

	private final Path repository;

	private final String version;

	LocalRepository(Path root, Path repository, String version) {
		this.root = root;
		this.repository = repository;
		this.version = version;
	}

	/** Installs the parent, the BOM and the published modules as a user gets them. */
	void installStarter() {
		install("auth-spring-boot-parent", this.root.resolve("pom.xml"), null);
		install("auth-spring-boot-dependencies", this.root.resolve("dependencies/pom.xml"), null);
		for (String[] module : new String[][] { { "autoconfigure", "auth-spring-boot-autoconfigure" },
				{ "starter", "auth-spring-boot-starter" }, { "test-servers", "auth-spring-boot-test-servers" },
				{ "starter-test", "auth-spring-boot-starter-test" } }) {
			Path directory = this.root.resolve(module[0]);
			Path jar = directory.resolve("target/" + module[1] + "-" + this.version + ".jar");
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing: run the whole build (./mvnw verify), "
						+ "which packages every module before this test");
			}
			install(module[1], directory.resolve("pom.xml"), jar);
		}
	}

	/** Settings whose only repository is the build's own, as a mirror of everything. */
	Path settings(Path directory, Path buildRepository) throws IOException {
		Path settings = directory.resolve("settings.xml");
		// the build's repository first; Maven Central only for what the build never
		// needed
		Files.writeString(settings, """
				<settings>
				  <localRepository>%1$s</localRepository>
				  <profiles>
				    <profile>
				      <id>build-repository</id>
				      <repositories>
				        <repository><id>build-repository</id><url>%2$s</url></repository>
				      </repositories>
				      <pluginRepositories>
				        <pluginRepository><id>build-repository</id><url>%2$s</url></pluginRepository>
				      </pluginRepositories>
				    </profile>
				  </profiles>
				  <activeProfiles><activeProfile>build-repository</activeProfile></activeProfiles>
				</settings>
				""".formatted(this.repository, buildRepository.toUri()));
		return settings;
	}

	private void install(String artifactId, Path pom, Path jar) {
		try {
			Path directory = this.repository.resolve(GROUP + artifactId + "/" + this.version);
			Files.createDirectories(directory);
			String base = artifactId + "-" + this.version;
			Files.copy(pom, directory.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
			if (jar != null) {
				Files.copy(jar, directory.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
