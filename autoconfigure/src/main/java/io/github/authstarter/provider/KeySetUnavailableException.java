package io.github.authstarter.provider;

import java.time.Duration;

import com.nimbusds.jose.RemoteKeySourceException;
import org.jspecify.annotations.Nullable;

/**
 * No trusted key set of the provider can be had now: it was never fetched, it is older
 * than its maximum age, or the last fetch failed. It says how long the provider's keys
 * are trusted without being fetched again ({@code auth.providers.<id>.jwks-max-age}), so
 * a refresh knows how long a sign-in decision made with them may stand while they cannot
 * be checked.
 */
public final class KeySetUnavailableException extends RemoteKeySourceException {

	private final Duration maxAge;

	/**
	 * Creates the exception; public for tests of the code that handles it.
	 * @param message why the key set cannot be had, without token or key material
	 * @param cause the failure of the fetch, or {@code null}
	 * @param maxAge how long the provider's keys are trusted without being fetched again
	 */
	public KeySetUnavailableException(String message, @Nullable Throwable cause, Duration maxAge) {
		super(message, cause);
		this.maxAge = maxAge;
	}

	/**
	 * How long the provider's keys are trusted without being fetched again.
	 * @return the maximum age of its key set
	 */
	public Duration maxAge() {
		return this.maxAge;
	}

}
