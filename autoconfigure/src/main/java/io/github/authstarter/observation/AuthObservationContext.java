package io.github.authstarter.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The facts of one observed operation, filled in while it runs: which provider, how it
 * ended and why. Every value is of low cardinality: a configured provider id (or
 * {@code unknown}), a configured API name, or one of a fixed set of outcomes.
 */
public final class AuthObservationContext extends Observation.Context {

	private final AuthOperation operation;

	private final String provider;

	private final @Nullable String api;

	private @Nullable String outcome;

	private @Nullable String reason;

	private int sessionsEnded;

	/**
	 * Creates the context of an operation.
	 * @param operation the operation
	 * @param provider a configured provider id, {@code unknown} or {@code none}
	 */
	public AuthObservationContext(AuthOperation operation, String provider) {
		this(operation, provider, null);
	}

	/**
	 * Creates the context of an operation for one of the provider's APIs.
	 * @param operation the operation
	 * @param provider a configured provider id
	 * @param api the configured API name, or {@code null}
	 */
	public AuthObservationContext(AuthOperation operation, String provider, @Nullable String api) {
		this.operation = operation;
		this.provider = provider;
		this.api = api;
		setName(operation.observationName());
	}

	/**
	 * The operation observed.
	 * @return the operation
	 */
	public AuthOperation operation() {
		return this.operation;
	}

	/**
	 * A configured provider id, {@code unknown} for one that is not, {@code none} when no
	 * user was signed in.
	 * @return the provider
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The API, for {@link AuthOperation#API_TOKEN}.
	 * @return the API name, or {@code null}
	 */
	public @Nullable String api() {
		return this.api;
	}

	/**
	 * How the operation ended, as its observation shows it: {@code redirected} or the
	 * error code of a login start; {@code success} or the error code of a callback;
	 * {@code refreshed}, {@code waited_for_other_instance} or {@code failed} of a
	 * refresh; the kind of a logout; {@code accepted}, {@code rejected},
	 * {@code unavailable} or {@code failed} of a provider's logout; {@code none} when the
	 * request carried no such operation.
	 * @return the outcome, or {@code null} while it runs
	 */
	public @Nullable String outcome() {
		return this.outcome;
	}

	/**
	 * Sets how the operation ended.
	 * @param outcome the outcome
	 */
	public void outcome(String outcome) {
		this.outcome = outcome;
	}

	/**
	 * Why a refresh ended as it did, finer than its outcome: {@code invalid_grant},
	 * {@code reused_newer_tokens}, {@code jwks_unavailable}, ...
	 * @return the reason, or {@code null}
	 */
	public @Nullable String reason() {
		return this.reason;
	}

	/**
	 * Sets why the operation ended as it did.
	 * @param reason the reason
	 */
	public void reason(String reason) {
		this.reason = reason;
	}

	/**
	 * How many sessions a logout from the provider ended.
	 * @return the count
	 */
	public int sessionsEnded() {
		return this.sessionsEnded;
	}

	/**
	 * Sets how many sessions a logout from the provider ended.
	 * @param sessionsEnded the count
	 */
	public void sessionsEnded(int sessionsEnded) {
		this.sessionsEnded = sessionsEnded;
	}

}
