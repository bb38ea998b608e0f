package io.github.authstarter.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
		AuthObservations observations = new AuthObservations(this.registry, null, Set.of("test"));
		observe(observations, new AuthObservationContext(AuthOperation.LOGOUT, "test"), "provider");
		observe(observations, new AuthObservationContext(AuthOperation.API_TOKEN, "test", "orders"), "refreshed");
		observe(observations, new AuthObservationContext(AuthOperation.FRONTCHANNEL_LOGOUT, "unknown"), "rejected");
		assertThat(this.stopped).containsExactly("auth.logout[kind=provider, provider=test]",
				"auth.api-token[api=orders, outcome=refreshed, provider=test]",
				"auth.frontchannel.logout[outcome=rejected, provider=unknown]");
	}

	@Test
	void aFailureWithoutAFinerOutcomeIsFailed() {
		AuthObservations observations = new AuthObservations(this.registry, null, Set.of("test"));
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
		observe(new AuthObservations(this.registry, tenant, Set.of("test")),
				new AuthObservationContext(AuthOperation.REFRESH, "test"), "refreshed");
		assertThat(this.stopped).containsExactly("auth.refresh[outcome=refreshed, provider=test, region=eu]");
	}

	@Test
	void theRegistrysPredicatesSeeWhichOperationItIs() {
		// as Boot's management.observations.enable.auth.refresh=false does
		this.registry.observationConfig().observationPredicate((name, context) -> !name.startsWith("auth.refresh"));
		AuthObservations observations = new AuthObservations(this.registry, null, Set.of("test"));
		observe(observations, observations.context(AuthOperation.REFRESH, "test"), "refreshed");
		observe(observations, observations.context(AuthOperation.LOGOUT, "test"), "local");
		assertThat(this.stopped).containsExactly("auth.logout[kind=local, provider=test]");
	}

	@Test
	void aProviderThatIsNotConfiguredIsObservedAsUnknown() {
		AuthObservations observations = new AuthObservations(this.registry, null, Set.of("test"));
		assertThat(observations.context(AuthOperation.LOGIN_START, "anything/at/all").provider()).isEqualTo("unknown");
		// a session of a provider since removed
		assertThat(observations.context(AuthOperation.REFRESH, "gone").provider()).isEqualTo("unknown");
		assertThat(observations.context(AuthOperation.LOGOUT, "none").provider()).isEqualTo("none");
		assertThat(observations.context(AuthOperation.API_TOKEN, "test", "orders").api()).isEqualTo("orders");
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
