package io.github.authstarter.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.provider.ProviderPreset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the configuration metadata that IDEs use to complete
 * {@code auth.providers.<id>.<key>}: generated properties with descriptions, and the
 * hand-written hints for presets.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws Exception {
		List<Map<String, Object>> properties = list(read(), "properties");
		assertThat(properties).isNotEmpty();
		assertThat(properties).allSatisfy(
				(property) -> assertThat(property.get("description")).as("description of %s", property.get("name"))
					.isNotNull());
	}

	@Test
	void providersAreAMapOfProviderSoIdesCompleteTheirKeys() throws Exception {
		assertThat(list(read(), "properties")).anySatisfy((property) -> {
			assertThat(property.get("name")).isEqualTo("auth.providers");
			assertThat(property.get("type")).isEqualTo(
					"java.util.Map<java.lang.String,io.github.authstarter.autoconfigure.AuthProviderProperties>");
		});
	}

	@Test
	void theApiRetryCooldownIsADurationOfThirtySecondsByDefault() throws Exception {
		assertThat(list(read(), "properties")).anySatisfy((property) -> {
			assertThat(property.get("name")).isEqualTo("auth.apis.retry-cooldown");
			assertThat(property.get("type")).isEqualTo("java.time.Duration");
			assertThat(property.get("defaultValue")).isEqualTo("30s");
		});
	}

	@Test
	void presetHintsListEveryPreset() throws Exception {
		Map<String, Object> hint = list(read(), "hints").stream()
			.filter((candidate) -> "auth.providers.values.preset".equals(candidate.get("name")))
			.findFirst()
			.orElseThrow();
		List<Map<String, Object>> values = list(hint, "values");
		// and none, for a provider whose id names a preset it is not
		assertThat(values).extracting((value) -> value.get("value"))
			.containsExactlyInAnyOrderElementsOf(
					Stream.concat(Arrays.stream(ProviderPreset.values()).map(ProviderPreset::id), Stream.of("none"))
						.toList());
	}

	private static Map<String, Object> read() throws IOException, ParseException {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> json, String name) {
		return (List<Map<String, Object>>) json.get(name);
	}

}
