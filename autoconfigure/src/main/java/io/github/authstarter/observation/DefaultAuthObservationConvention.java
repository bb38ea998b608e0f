package io.github.authstarter.observation;

import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The starter's observation keys: {@code provider} always; {@code outcome}, or
 * {@code kind} for a logout; {@code api} for an API's token. The name is the one the
 * context carries, so one convention serves every operation.
 */
public class DefaultAuthObservationConvention implements AuthObservationConvention {

	@Override
	public @Nullable String getName() {
		return null;
	}

	@Override
	public String getContextualName(AuthObservationContext context) {
		return context.operation().observationName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AuthObservationContext context) {
		String outcome = (context.outcome() != null) ? context.outcome() : "none";
		KeyValues keys = KeyValues.of("provider", context.provider());
		if (context.api() != null) {
			keys = keys.and("api", context.api());
		}
		return keys.and((context.operation() == AuthOperation.LOGOUT) ? "kind" : "outcome", outcome);
	}

}
