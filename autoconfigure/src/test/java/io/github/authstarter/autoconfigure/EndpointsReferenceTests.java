package io.github.authstarter.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints reference ({@code docs/reference/endpoints.md}) lists every path the
 * starter serves, and serves nothing it does not list: both read from the path
 * properties' defaults in the configuration metadata.
 */
class EndpointsReferenceTests {

	private static final Pattern PATH = Pattern.compile("`(/[a-z0-9/-]+)");

	@Test
	void everyServedPathIsInTheReferenceAndEveryListedPathIsServed() throws Exception {
		Set<String> served = new TreeSet<>();
		for (Map<String, Object> property : PropertiesReference.metadata()) {
			String name = (String) property.get("name");
			Object path = property.get("defaultValue");
			// success-path is where users land (the application's page), not an endpoint
			if (name.endsWith("path") && !name.endsWith("success-path") && path instanceof String value) {
				served.add(value);
			}
		}
		assertThat(served).as("path properties found").hasSizeGreaterThan(8);
		Set<String> listed = new TreeSet<>();
		for (String line : Files.readString(Path.of("..", "docs", "reference", "endpoints.md")).split("\n")) {
			if (line.startsWith("| GET") || line.startsWith("| POST")) {
				Matcher path = PATH.matcher(line.split("\\|")[1]);
				while (path.find()) {
					listed.add(base(path.group(1), served));
				}
			}
		}
		assertThat(listed).as("paths in docs/reference/endpoints.md").containsAll(served);
		assertThat(served).as("paths the reference lists that no property serves").containsAll(listed);
	}

	/** The served path a listed one starts with, such as /auth/login for /auth/login/. */
	private static String base(String listed, Set<String> served) {
		String trimmed = listed.replaceAll("/+$", "");
		return served.stream()
			.filter((path) -> trimmed.equals(path) || trimmed.startsWith(path + "/"))
			.max((a, b) -> Integer.compare(a.length(), b.length()))
			.orElse(trimmed);
	}

}
