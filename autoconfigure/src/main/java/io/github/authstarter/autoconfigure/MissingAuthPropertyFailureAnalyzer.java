package io.github.authstarter.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports an {@code auth.*} property that must be set but is not, instead of Boot's
 * "Invalid value 'null'", and one whose value may be a secret (a client secret, an
 * encryption key) without the value: Boot's analyzer prints what the environment holds.
 * Other invalid values are left to Boot's analyzer, which also tells where they came
 * from.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class MissingAuthPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationPropertyValueException> {

	/** The value of an exception whose property's value must not be shown. */
	static final String HIDDEN = "(hidden)";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationPropertyValueException cause) {
		if (!cause.getName().startsWith("auth.")) {
			return null;
		}
		if (HIDDEN.equals(cause.getValue())) {
			return new FailureAnalysis("The property '" + cause.getName()
					+ "' has a value that cannot be used (not shown, as it may be a secret): " + cause.getReason(),
					"Change or remove '" + cause.getName() + "' where it is set (application.yml, "
							+ "application.properties or an environment variable).",
					cause);
		}
		if (cause.getValue() != null) {
			return null;
		}
		String description = "The property '" + cause.getName() + "' is not set: " + cause.getReason();
		String action = "Set '" + cause.getName()
				+ "' (in application.yml, application.properties or as an environment variable).";
		return new FailureAnalysis(description, action, cause);
	}

}
