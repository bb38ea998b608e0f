package io.github.authstarter.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.authstarter.event.SignOutKind;
import io.github.authstarter.event.TokenRefreshFailure;
import io.github.authstarter.event.TokenRefreshOutcome;
import io.github.authstarter.observation.AuthOperation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value of the public enums that reach events, metrics and observations is in the
 * docs, and the docs name no observation or refresh outcome the code does not have.
 */
class EventsAndMetricsReferenceTests {

	private static final Path OPERATIONS = Path.of("..", "docs", "reference", "events-and-metrics.md");

	private static final Path EVENTS = Path.of("..", "docs", "reference", "events-and-metrics.md");

	@Test
	void everyEventEnumValueIsDocumentedAsTheEventAndAsTheMetricTag() throws Exception {
		String events = Files.readString(EVENTS);
		String operations = Files.readString(OPERATIONS);
		for (Enum<?> value : values(SignOutKind.class, TokenRefreshOutcome.class, TokenRefreshFailure.class)) {
			assertThat(events).as("the events name %s", value).contains("`" + value.name() + "`");
			assertThat(operations).as("the metrics name %s", value)
				.contains("`" + value.name().toLowerCase(Locale.ROOT) + "`");
		}
	}

	@Test
	void theObservationTableListsEveryOperationAndNothingElse() throws Exception {
		Set<String> documented = new TreeSet<>();
		Matcher row = Pattern.compile("(?m)^\\s*\\| `(auth\\.[a-z.-]+)` \\|").matcher(Files.readString(OPERATIONS));
		while (row.find()) {
			documented.add(row.group(1));
		}
		Set<String> counters = Set.of("auth.logins", "auth.refreshes", "auth.logouts");
		Set<String> observations = Arrays.stream(AuthOperation.values())
			.map(AuthOperation::observationName)
			.collect(Collectors.toCollection(TreeSet::new));
		documented.removeAll(counters);
		assertThat(documented).as("observations in docs/reference/events-and-metrics.md").isEqualTo(observations);
	}

	@Test
	void theRefreshCounterListsEveryOutcomeAndNothingElse() throws Exception {
		String row = Files.readString(OPERATIONS)
			.lines()
			.filter((line) -> line.strip().startsWith("| `auth.refreshes`"))
			.findFirst()
			.orElseThrow();
		Set<String> documented = new TreeSet<>();
		Matcher value = Pattern.compile("`([a-z_]+)`").matcher(row.split("\\|")[2]);
		while (value.find()) {
			documented.add(value.group(1));
		}
		Set<String> outcomes = new TreeSet<>(Set.of("provider", "outcome", "failed"));
		for (Enum<?> outcome : values(TokenRefreshOutcome.class, TokenRefreshFailure.class)) {
			outcomes.add(outcome.name().toLowerCase(Locale.ROOT));
		}
		assertThat(documented).isEqualTo(outcomes);
	}

	@SafeVarargs
	private static Set<Enum<?>> values(Class<? extends Enum<?>>... types) {
		Set<Enum<?>> values = new LinkedHashSet<>();
		for (Class<? extends Enum<?>> type : types) {
			values.addAll(Arrays.asList(type.getEnumConstants()));
		}
		return values;
	}

}
