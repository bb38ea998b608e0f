package io.github.authstarter.observation;

import java.io.IOException;
import java.util.Set;
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
	public static final AuthObservations NOOP = new AuthObservations(ObservationRegistry.NOOP, null, Set.of());

	private static final AuthObservationConvention DEFAULT = new DefaultAuthObservationConvention();

	private final ObservationRegistry registry;

	private final AuthObservationConvention convention;

	private final Set<String> providers;

	/**
	 * Creates the observations.
	 * @param registry the registry
	 * @param convention the application's convention, or {@code null}
	 * @param providers the configured provider ids: any other is observed as
	 * {@code unknown}
	 */
	public AuthObservations(ObservationRegistry registry, @Nullable AuthObservationConvention convention,
			Set<String> providers) {
		this.registry = registry;
		this.convention = (convention != null) ? convention : DEFAULT;
		this.providers = Set.copyOf(providers);
	}

	/**
	 * The context of an operation, its provider a configured id or {@code unknown}: an id
	 * from a request path, or from a session of a provider since removed, never becomes a
	 * key value.
	 * @param operation the operation
	 * @param provider the provider id, or {@code none} when nobody is signed in
	 * @return the context
	 */
	public AuthObservationContext context(AuthOperation operation, String provider) {
		return context(operation, provider, null);
	}

	/**
	 * The context of an operation for one of the provider's APIs.
	 * @param operation the operation
	 * @param provider the provider id
	 * @param api the configured API name, or {@code null}
	 * @return the context
	 */
	public AuthObservationContext context(AuthOperation operation, String provider, @Nullable String api) {
		boolean known = this.providers.contains(provider) || provider.equals("none");
		return new AuthObservationContext(operation, known ? provider : "unknown", api);
	}

	/**
	 * Starts the operation's observation; the caller opens its scope and stops it.
	 * @param context the operation's context
	 * @return the started observation
	 */
	public Observation start(AuthObservationContext context) {
		// created by name, so the registry's predicates (Boot's
		// management.observations.enable.*) see which operation it is
		return Observation.createNotStarted(context.operation().observationName(), () -> context, this.registry)
			.observationConvention(this.convention)
			.start();
	}

	/**
	 * Runs work that writes an answer in the operation's observation: an exception is
	 * recorded as its error and an outcome of {@code failed}.
	 * @param context the operation's context
	 * @param work the operation
	 * @throws IOException when the work could not write its answer
	 */
	public void observeAnswer(AuthObservationContext context, Answer work) throws IOException {
		Observation observation = start(context);
		try (Observation.Scope scope = observation.openScope()) {
			work.write();
		}
		catch (IOException | RuntimeException ex) {
			context.outcome("failed");
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
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

	/**
	 * Work that writes an answer.
	 */
	@FunctionalInterface
	public interface Answer {

		/**
		 * Writes the answer.
		 * @throws IOException when it cannot be written
		 */
		void write() throws IOException;

	}

}
