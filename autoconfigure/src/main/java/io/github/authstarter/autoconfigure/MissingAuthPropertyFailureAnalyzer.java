package io.github.authstarter.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports an {@code auth.*} property that must be set but is not, instead of Boot's
 * "Invalid value 'null'". Invalid values that were set are left to Boot's analyzer, which
 * also tells where they came from.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class MissingAuthPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationPropertyValueException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationPropertyValueException cause) {
		if (cause.getValue() != null || !cause.getName().startsWith("auth.")) {
			return null;
		}
		String description = "The property '" + cause.getName() + "' is not set: " + cause.getReason();
		String action = "Set '" + cause.getName()
				+ "' (in application.yml, application.properties or as an environment variable).";
		return new FailureAnalysis(description, action, cause);
	}

}
