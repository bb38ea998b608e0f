package io.github.authstarter.actuate;

import java.util.Set;
import java.util.function.Consumer;

import io.github.authstarter.observation.AuthObservationContext;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.observation.AuthOperation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The counters come from the same contexts as the observations' timers and spans.
 */
class AuthMetricsTests {

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final AuthObservations observations;

	AuthMetricsTests() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("meters", this.meters);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new AuthMetrics(beans.getBeanProvider(MeterRegistry.class)))
			.observationHandler(new DefaultMeterObservationHandler(this.meters));
		this.observations = new AuthObservations(registry, null, Set.of("test"));
	}

	@Test
	void aLoginIsCountedWhenItComesBackNotWhenItStarts() {
		run(AuthOperation.LOGIN_START, "test", (context) -> context.outcome("redirected"));
		run(AuthOperation.LOGIN_CALLBACK, "test", (context) -> context.outcome("success"));
		run(AuthOperation.LOGIN_START, "unknown", (context) -> context.outcome("unknown_provider"));
		run(AuthOperation.LOGIN_CALLBACK, "test", (context) -> context.outcome("state_unknown"));
		// a signed-in user's repeated callback, passed on by the login filters: no login
		run(AuthOperation.LOGIN_CALLBACK, "test", (context) -> context.outcome("none"));
		run(AuthOperation.LOGIN_START, "test", (context) -> context.outcome("none"));
		assertThat(this.meters.get("auth.logins").counters()).hasSize(3);
		assertThat(count("auth.logins", "provider", "test", "outcome", "success", "reason", "none")).isEqualTo(1);
		assertThat(count("auth.logins", "provider", "unknown", "outcome", "failure", "reason", "unknown_provider"))
			.isEqualTo(1);
		assertThat(count("auth.logins", "provider", "test", "outcome", "failure", "reason", "state_unknown"))
			.isEqualTo(1);
		// and the same operations timed, with the observation's keys
		assertThat(
				this.meters.get("auth.login.start").tags("outcome", "redirected", "provider", "test").timer().count())
			.isEqualTo(1);
		assertThat(this.meters.get("auth.login.callback").tags("outcome", "success").timer().count()).isEqualTo(1);
	}

	@Test
	void aRefreshIsCountedByItsReasonAndTimedByItsOutcome() {
		run(AuthOperation.REFRESH, "test", (context) -> context.outcome("refreshed"));
		assertThatIllegalStateException().isThrownBy(() -> run(AuthOperation.REFRESH, "test", (context) -> {
			context.reason("invalid_grant");
			throw new IllegalStateException("refused");
		}));
		run(AuthOperation.REFRESH, "test", (context) -> {
			context.reason("reused_newer_tokens");
			context.outcome("refreshed");
		});
		assertThat(count("auth.refreshes", "outcome", "refreshed")).isEqualTo(1);
		assertThat(count("auth.refreshes", "outcome", "invalid_grant")).isEqualTo(1);
		assertThat(count("auth.refreshes", "outcome", "reused_newer_tokens")).isEqualTo(1);
		assertThat(this.meters.get("auth.refresh").tags("outcome", "failed").timer().count()).isEqualTo(1);
		assertThat(this.meters.get("auth.refresh").tags("outcome", "refreshed").timer().count()).isEqualTo(2);
	}

	@Test
	void logoutsAreCountedByKindAndOnlyWhenTheyEndedSomething() {
		run(AuthOperation.LOGOUT, "test", (context) -> context.outcome("provider"));
		run(AuthOperation.LOGOUT, "test", (context) -> context.outcome("unavailable"));
		run(AuthOperation.LOGOUT, "none", (context) -> context.outcome("local"));
		// refused with Redis down: it ended nothing
		run(AuthOperation.LOGOUT, "test", (context) -> context.outcome("failed"));
		run(AuthOperation.BACKCHANNEL_LOGOUT, "test", (context) -> {
			context.outcome("accepted");
			context.sessionsEnded(2);
		});
		run(AuthOperation.BACKCHANNEL_LOGOUT, "test", (context) -> context.outcome("accepted"));
		run(AuthOperation.FRONTCHANNEL_LOGOUT, "test", (context) -> {
			context.outcome("accepted");
			context.sessionsEnded(1);
		});
		assertThat(count("auth.logouts", "kind", "provider")).isEqualTo(1);
		// a provider that could not be reached leaves a local logout
		assertThat(count("auth.logouts", "kind", "local")).isEqualTo(1);
		assertThat(count("auth.logouts", "kind", "backchannel")).isEqualTo(1);
		assertThat(count("auth.logouts", "kind", "frontchannel")).isEqualTo(1);
		assertThat(this.meters.get("auth.logout").tags("kind", "unavailable").timer().count()).isEqualTo(1);
	}

	@Test
	void anApisTokenIsTimedNotCountedAsARefresh() {
		this.observations.observe(new AuthObservationContext(AuthOperation.API_TOKEN, "test", "orders"), () -> "token");
		assertThat(this.meters.find("auth.refreshes").counter()).isNull();
		assertThat(this.meters.get("auth.api-token").tags("api", "orders", "outcome", "none").timer().count())
			.isEqualTo(1);
	}

	private void run(AuthOperation operation, String provider, Consumer<AuthObservationContext> work) {
		AuthObservationContext context = new AuthObservationContext(operation, provider);
		this.observations.observe(context, () -> {
			work.accept(context);
			return context;
		});
	}

	private double count(String name, String... tags) {
		return this.meters.get(name).tags(tags).counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

}
