package io.github.authstarter.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * One provider's registration, built on first use and kept; after a failed discovery,
 * further attempts wait out a growing backoff so a down provider is not hammered and
 * callers fail fast meanwhile.
 */
final class LazyClientRegistration {

	private static final Log logger = LogFactory.getLog(LazyClientRegistration.class);

	private final ProviderDefinition definition;

	private final IssuerDiscovery discovery;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Clock clock;

	private volatile @Nullable ClientRegistration registration;

	private Duration backoff;

	private Instant nextAttempt = Instant.MIN;

	private @Nullable ProviderUnavailableException lastFailure;

	private final Duration refreshInterval;

	private volatile Instant refreshDue = Instant.MAX;

	private final ReentrantLock refreshing = new ReentrantLock();

	LazyClientRegistration(ProviderDefinition definition, IssuerDiscovery discovery, Duration initialBackoff,
			Duration maxBackoff, Duration refreshInterval, Clock clock) {
		this.definition = definition;
		this.discovery = discovery;
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
		this.backoff = initialBackoff;
		if (!definition.needsDiscovery()) {
			this.registration = ClientRegistrationFactory.create(definition, null);
		}
	}

	ProviderDefinition definition() {
		return this.definition;
	}

	synchronized @Nullable String failureOrNull() {
		return (this.lastFailure != null) ? this.lastFailure.getMessage() : null;
	}

	@Nullable ClientRegistration resolvedOrNull() {
		return this.registration;
	}

	ClientRegistration get() {
		ClientRegistration resolved = this.registration;
		if (resolved == null) {
			return discover();
		}
		return this.clock.instant().isBefore(this.refreshDue) ? resolved : rediscover(resolved);
	}

	/**
	 * Fetches the metadata again (the provider may have changed its endpoints or keys
	 * location), keeping what it has while that fails: a provider that is briefly down
	 * does not stop logins that worked. One request fetches; concurrent ones go on with
	 * the current metadata instead of waiting for it.
	 */
	private ClientRegistration rediscover(ClientRegistration current) {
		if (!this.refreshing.tryLock()) {
			return current;
		}
		try {
			Instant now = this.clock.instant();
			if (now.isBefore(this.refreshDue) || this.registration != current) {
				return this.registration;
			}
			try {
				ClientRegistration fresh = ClientRegistrationFactory.create(this.definition,
						this.discovery.discover(this.definition.registrationId(), this.definition.discoveryLocation(),
								this.definition.issuerMustMatchDiscovery()));
				this.registration = fresh;
				this.refreshDue = now.plus(this.refreshInterval);
				return fresh;
			}
			catch (RuntimeException ex) {
				// the current metadata works: no hurry to try again
				this.refreshDue = now.plus(this.maxBackoff);
				logger.warn("Provider '" + this.definition.registrationId()
						+ "' metadata could not be fetched again; keeping the current one: " + reason(ex));
				return current;
			}
		}
		finally {
			this.refreshing.unlock();
		}
	}

	private synchronized ClientRegistration discover() {
		ClientRegistration resolved = this.registration;
		if (resolved != null) {
			return resolved;
		}
		Instant now = this.clock.instant();
		if (this.lastFailure != null && now.isBefore(this.nextAttempt)) {
			throw this.lastFailure;
		}
		String location = this.definition.discoveryLocation();
		try {
			Map<String, Object> metadata = this.discovery.discover(this.definition.registrationId(), location,
					this.definition.issuerMustMatchDiscovery());
			resolved = ClientRegistrationFactory.create(this.definition, metadata);
			this.registration = resolved;
			this.lastFailure = null;
			if (!this.refreshInterval.isZero() && !this.refreshInterval.isNegative()) {
				this.refreshDue = now.plus(this.refreshInterval);
			}
			return resolved;
		}
		catch (RuntimeException ex) {
			this.nextAttempt = now.plus(this.backoff);
			String reason = reason(ex) + " (next attempt in " + this.backoff.toMillis() + " ms)";
			this.backoff = min(this.backoff.multipliedBy(2), this.maxBackoff);
			this.lastFailure = new ProviderUnavailableException(this.definition.registrationId(), reason, ex);
			logger.debug("Discovery failed for provider '" + this.definition.registrationId() + "': " + reason);
			throw this.lastFailure;
		}
	}

	synchronized void resetBackoff() {
		this.backoff = this.initialBackoff;
		this.nextAttempt = Instant.MIN;
	}

	private static String reason(RuntimeException ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return (ex instanceof IssuerDiscovery.DiscoveryException) ? ex.getMessage() : message;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
