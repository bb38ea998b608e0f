package io.github.authstarter.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/reference/properties.md} is what the code says: generated, never kept by
 * hand, and stale only until this test says so.
 */
class PropertiesReferenceTests {

	private static final Path PAGE = Path.of("..", "docs", "reference", "properties.md");

	@Test
	void theCommittedReferenceIsTheGeneratedOne() throws Exception {
		String generated = new PropertiesReference(Path.of("src", "main", "java")).markdown();
		if (Boolean.getBoolean("reference.write")) {
			Files.createDirectories(PAGE.getParent());
			Files.writeString(PAGE, generated);
		}
		assertThat(PAGE).as("docs/reference/properties.md exists").exists();
		assertThat(Files.readString(PAGE))
			.as("docs/reference/properties.md is stale: run ./mvnw -pl autoconfigure test "
					+ "-Dtest=PropertiesReferenceTests -Dreference.write=true")
			.isEqualTo(generated);
	}

	@Test
	void everyPropertyHasADescriptionAndEveryProviderKeyIsListed() throws Exception {
		String generated = new PropertiesReference(Path.of("src", "main", "java")).markdown();
		assertThat(generated.lines().filter((line) -> line.startsWith("| `auth.")))
			.allSatisfy((line) -> assertThat(line.substring(line.lastIndexOf(" | ", line.length() - 3) + 3).strip())
				.as("the description of %s", line)
				.isNotEqualTo("|"));
		assertThat(generated).contains("`auth.providers.<id>.client-key.alias`",
				"`auth.providers.<id>.apis.<name>.audience`", "`auth.providers.<id>.authorities.claims`",
				"`auth.providers.<id>.issuer-uri`", "`auth.session.client-cache.enabled`", "`auth.dev.users`");
	}

}
