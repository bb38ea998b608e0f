package io.github.authstarter.observation;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One convention names every operation's keys; an application's own convention replaces
 * it.
 */
class AuthObservationsTests {

	private final List<String> stopped = new ArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	AuthObservationsTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				List<String> keys = new ArrayList<>();
				context.getLowCardinalityKeyValues().forEach((key) -> keys.add(key.getKey() + "=" + key.getValue()));
				AuthObservationsTests.this.stopped.add(context.getName() + keys.stream().sorted().toList());
			}
		});
	}

	@Test
	void eachOperationIsNamedAndKeyedByTheDefaultConvention() {
		AuthObservations observations = new AuthObservations(this.registry, null);
		observe(observations, new AuthObservationContext(AuthOperation.LOGOUT, "test"), "provider");
		observe(observations, new AuthObservationContext(AuthOperation.API_TOKEN, "test", "orders"), "refreshed");
		observe(observations, new AuthObservationContext(AuthOperation.FRONTCHANNEL_LOGOUT, "unknown"), "rejected");
		assertThat(this.stopped).containsExactly("auth.logout[kind=provider, provider=test]",
				"auth.api-token[api=orders, outcome=refreshed, provider=test]",
				"auth.frontchannel.logout[outcome=rejected, provider=unknown]");
	}

	@Test
	void aFailureWithoutAFinerOutcomeIsFailed() {
		AuthObservations observations = new AuthObservations(this.registry, null);
		try {
			observations.observe(new AuthObservationContext(AuthOperation.REFRESH, "test"), () -> {
				throw new IllegalStateException("down");
			});
		}
		catch (IllegalStateException expected) {
			// recorded
		}
		assertThat(this.stopped).containsExactly("auth.refresh[outcome=failed, provider=test]");
	}

	@Test
	void anApplicationsConventionReplacesTheDefault() {
		AuthObservationConvention tenant = new DefaultAuthObservationConvention() {
			@Override
			public KeyValues getLowCardinalityKeyValues(AuthObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and(KeyValue.of("region", "eu"));
			}
		};
		observe(new AuthObservations(this.registry, tenant), new AuthObservationContext(AuthOperation.REFRESH, "test"),
				"refreshed");
		assertThat(this.stopped).containsExactly("auth.refresh[outcome=refreshed, provider=test, region=eu]");
	}

	@Test
	void withoutARegistryNothingIsObservedAndTheWorkStillRuns() {
		AuthObservationContext context = new AuthObservationContext(AuthOperation.REFRESH, "test");
		assertThat(AuthObservations.NOOP.observe(context, () -> "done")).isEqualTo("done");
		assertThat(this.stopped).isEmpty();
	}

	private static void observe(AuthObservations observations, AuthObservationContext context, String outcome) {
		observations.observe(context, () -> {
			context.outcome(outcome);
			return outcome;
		});
	}

}
