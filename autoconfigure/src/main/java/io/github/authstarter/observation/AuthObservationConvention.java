package io.github.authstarter.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the keys of the starter's observations. Declare a bean of this type to change
 * them (extend {@link DefaultAuthObservationConvention} to add to them); the counters do
 * not depend on it.
 */
public interface AuthObservationConvention extends ObservationConvention<AuthObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof AuthObservationContext;
	}

}
