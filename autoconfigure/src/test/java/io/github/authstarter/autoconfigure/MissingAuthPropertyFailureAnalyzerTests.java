package io.github.authstarter.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MissingAuthPropertyFailureAnalyzer}: a missing property is named, and
 * a value that may be a secret is never shown (Boot's own analyzer prints what the
 * environment holds).
 */
class MissingAuthPropertyFailureAnalyzerTests {

	private final MissingAuthPropertyFailureAnalyzer analyzer = new MissingAuthPropertyFailureAnalyzer();

	@Test
	void aValueThatMayBeASecretIsNamedButNotShown() {
		InvalidConfigurationPropertyValueException failure = new InvalidConfigurationPropertyValueException(
				"auth.session.encryption-key", MissingAuthPropertyFailureAnalyzer.HIDDEN, "must be 32 bytes");
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("'auth.session.encryption-key'")
			.contains("must be 32 bytes")
			.contains("not shown");
		assertThat(analysis.getAction()).contains("auth.session.encryption-key");
	}

	@Test
	void aMissingPropertyIsNamed() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new InvalidConfigurationPropertyValueException("auth.providers.x.client-id", null, "required"));
		assertThat(analysis.getDescription()).startsWith("The property 'auth.providers.x.client-id' is not set");
	}

	@Test
	void otherValuesAreLeftToBootsAnalyzerWhichSaysWhereTheyCameFrom() {
		assertThat(this.analyzer
			.analyze(new InvalidConfigurationPropertyValueException("auth.web.pages.accent-color", "purple", "no")))
			.isNull();
		assertThat(this.analyzer.analyze(new InvalidConfigurationPropertyValueException("spring.x",
				MissingAuthPropertyFailureAnalyzer.HIDDEN, "no")))
			.isNull();
	}

}
