package io.github.authstarter.testbed;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Records every finished observation of the starter, name and low-cardinality keys, so
 * tests can see what tracing and metrics backends would receive.
 */
public class RecordedObservations implements ObservationHandler<Observation.Context> {

	private final List<String> observations = new CopyOnWriteArrayList<>();

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context.getName() != null && context.getName().startsWith("auth.");
	}

	@Override
	public void onStop(Observation.Context context) {
		Map<String, String> keys = new TreeMap<>();
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			keys.put(keyValue.getKey(), keyValue.getValue());
		}
		this.observations.add(context.getName() + keys);
	}

	/**
	 * What was recorded, such as {@code auth.refresh{outcome=refreshed, provider=test}}.
	 * @return the observations, oldest first
	 */
	public List<String> all() {
		return List.copyOf(this.observations);
	}

}
