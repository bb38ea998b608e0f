package io.github.authstarter.actuate;

import java.util.Set;

import io.github.authstarter.observation.AuthObservationContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts the starter's operations from the same observation contexts its spans and timers
 * come from, as Micrometer counters with low-cardinality tags: {@code auth.logins}
 * ({@code provider}, {@code outcome} success/failure, {@code reason}),
 * {@code auth.refreshes} ({@code provider}, {@code outcome}) and {@code auth.logouts}
 * ({@code provider}, {@code kind}). The provider is the context's: a configured id, or
 * {@code unknown} for a request such as {@code /auth/login/anything}, so requests cannot
 * create meters.
 */
public final class AuthMetrics implements ObservationHandler<AuthObservationContext> {

	/**
	 * The kinds of a logout that ended a session; an unreachable provider leaves a local
	 * one.
	 */
	private static final Set<String> ENDED = Set.of("provider", "local", "unavailable");

	private final ObjectProvider<MeterRegistry> registry;

	/**
	 * Creates the handler.
	 * @param registry the meter registry, looked up at the first operation
	 */
	public AuthMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof AuthObservationContext;
	}

	@Override
	public void onStop(AuthObservationContext context) {
		String outcome = context.outcome();
		switch (context.operation()) {
			case LOGIN_START -> {
				// a login that started is counted when it comes back
				if (explicit(outcome) && !outcome.equals("redirected")) {
					login(context, "failure", outcome);
				}
			}
			case LOGIN_CALLBACK -> {
				if ("success".equals(outcome)) {
					login(context, "success", "none");
				}
				else if (explicit(outcome)) {
					login(context, "failure", outcome);
				}
			}
			case REFRESH -> count("auth.refreshes", "Token refreshes by provider and outcome", context, "outcome",
					(context.reason() != null) ? context.reason() : (outcome != null) ? outcome : "none");
			case LOGOUT -> {
				// nobody signed in, or a logout refused, has ended nothing
				if (!context.provider().equals("none") && ENDED.contains(outcome)) {
					count("auth.logouts", "Logouts by provider and kind", context, "kind",
							"provider".equals(outcome) ? "provider" : "local");
				}
			}
			case BACKCHANNEL_LOGOUT -> providerLogout(context, "backchannel");
			case FRONTCHANNEL_LOGOUT -> providerLogout(context, "frontchannel");
			case API_TOKEN -> {
				// an API's token is not a sign-in's refresh: its timer counts it
			}
		}
	}

	/**
	 * Whether a handler said how the login ended: a request the login filters passed on
	 * (a signed-in user's repeated callback) is no login at all.
	 */
	private static boolean explicit(@Nullable String outcome) {
		return outcome != null && !outcome.equals("none");
	}

	private void login(AuthObservationContext context, String outcome, String reason) {
		count("auth.logins", "Logins by provider and outcome", context, "outcome", outcome, "reason", reason);
	}

	private void providerLogout(AuthObservationContext context, String kind) {
		if (context.sessionsEnded() > 0) {
			count("auth.logouts", "Logouts by provider and kind", context, "kind", kind);
		}
	}

	private void count(String name, String description, AuthObservationContext context, String... tags) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters == null) {
			return;
		}
		Counter.builder(name)
			.description(description)
			.tag("provider", context.provider())
			.tags(tags)
			.register(meters)
			.increment();
	}

}
