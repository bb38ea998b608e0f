package io.github.authstarter.web;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoundedLocalesFilter}.
 */
class BoundedLocalesFilterTests {

	@Test
	void localesAreTheFirstTenByQuality() {
		String header = "fr;q=0.5, de, "
				+ IntStream.range(0, 8).mapToObj((i) -> "x-l" + i + ";q=0.1, ").collect(Collectors.joining())
				+ "ja, ".repeat(20) + "es";
		assertThat(BoundedLocalesFilter.locales(header)).startsWith(Locale.GERMAN, Locale.FRENCH)
			.hasSize(BoundedLocalesFilter.MAX_LOCALES)
			.doesNotContain(Locale.JAPANESE, Locale.forLanguageTag("es"));
	}

	@Test
	void localesOfAHeaderThatIsNoListOfLanguagesAreTheServers() {
		for (String header : new String[] { ";;;,,,,,,,,,,,", "de;q=abc, " + "x, ".repeat(12), "*, *;q=0" }) {
			assertThat(BoundedLocalesFilter.locales(header)).as(header).containsExactly(Locale.getDefault());
		}
	}

}
