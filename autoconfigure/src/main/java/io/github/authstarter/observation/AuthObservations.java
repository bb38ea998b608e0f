package io.github.authstarter.observation;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Runs an operation in its observation, with the application's convention if it declared
 * one, else the starter's.
 */
public final class AuthObservations {

	/** Observes nothing: for an application without an {@link ObservationRegistry}. */
	public static final AuthObservations NOOP = new AuthObservations(ObservationRegistry.NOOP, null);

	private static final AuthObservationConvention DEFAULT = new DefaultAuthObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable AuthObservationConvention convention;

	/**
	 * Creates the observations.
	 * @param registry the registry
	 * @param convention the application's convention, or {@code null}
	 */
	public AuthObservations(ObservationRegistry registry, @Nullable AuthObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Starts the operation's observation; the caller opens its scope and stops it.
	 * @param context the operation's context
	 * @return the started observation
	 */
	public Observation start(AuthObservationContext context) {
		return Observation.createNotStarted(this.convention, DEFAULT, () -> context, this.registry).start();
	}

	/**
	 * Runs work in the operation's observation: an exception is recorded as its error and
	 * an outcome of {@code failed} unless the work set a finer one.
	 * @param <T> the result type
	 * @param context the operation's context
	 * @param work the operation
	 * @return what the work returned
	 */
	public <T> T observe(AuthObservationContext context, Supplier<T> work) {
		Observation observation = start(context);
		try (Observation.Scope scope = observation.openScope()) {
			return work.get();
		}
		catch (RuntimeException ex) {
			if (context.outcome() == null) {
				context.outcome("failed");
			}
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
