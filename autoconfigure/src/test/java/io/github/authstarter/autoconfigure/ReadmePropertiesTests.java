package io.github.authstarter.autoconfigure;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's properties table names every property the code binds, so the product page
 * cannot drift from the code.
 */
class ReadmePropertiesTests {

	@Test
	void readmeListsEveryGlobalProperty() throws Exception {
		String readme = readme();
		for (Map<String, Object> property : metadataProperties()) {
			String name = (String) property.get("name");
			if (!name.equals("auth.providers")) {
				assertThat(readme).as("README lists %s", name).contains("`" + name + "`");
			}
		}
	}

	@Test
	void readmeListsEveryProviderProperty() throws Exception {
		String readme = readme();
		PropertyDescriptor[] descriptors = Introspector.getBeanInfo(AuthProviderProperties.class, Object.class)
			.getPropertyDescriptors();
		assertThat(descriptors).isNotEmpty();
		Arrays.stream(descriptors).map((descriptor) -> kebab(descriptor.getName())).forEach((name) -> {
			String key = "auth.providers.<id>." + name;
			assertThat(readme).as("README lists %s", key).contains("`" + key);
		});
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static String readme() throws IOException {
		Path path = Path.of("..", "README.md");
		return Files.readString(Files.exists(path) ? path : Path.of("README.md"));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> metadataProperties() throws Exception {
		try (InputStream in = ReadmePropertiesTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			Map<String, Object> json = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			return (List<Map<String, Object>>) json.get("properties");
		}
	}

}
