package io.github.authstarter.actuate;

import java.util.Set;
import java.util.stream.Collectors;

import io.github.authstarter.event.SignInFailedEvent;
import io.github.authstarter.event.SignedInEvent;
import io.github.authstarter.event.SignedOutEvent;
import io.github.authstarter.event.TokenRefreshFailedEvent;
import io.github.authstarter.event.TokensRefreshedEvent;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderRegistrations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Counts the starter's events as Micrometer counters with low-cardinality tags:
 * {@code auth.logins} ({@code provider}, {@code outcome} success/failure,
 * {@code reason}), {@code auth.refreshes} ({@code provider}, {@code outcome}) and
 * {@code auth.logouts} ({@code provider}, {@code kind}). A provider id that is not
 * configured (a request for {@code /auth/login/anything}) is tagged {@code unknown}, so
 * requests cannot create meters.
 */
public final class AuthMetrics implements ApplicationListener<PayloadApplicationEvent<?>> {

	private final ObjectProvider<MeterRegistry> registry;

	private final Set<String> providers;

	/**
	 * Creates the listener.
	 * @param registry the meter registry, looked up at the first event
	 * @param registrations the configured providers
	 */
	public AuthMetrics(ObjectProvider<MeterRegistry> registry, ProviderRegistrations registrations) {
		this.registry = registry;
		this.providers = registrations.definitions()
			.stream()
			.map(ProviderDefinition::registrationId)
			.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<?> event) {
		Object payload = event.getPayload();
		if (payload instanceof SignedInEvent signedIn) {
			count("auth.logins", "Logins by provider and outcome", signedIn.provider(), "outcome", "success", "reason",
					"none");
		}
		else if (payload instanceof SignInFailedEvent failed) {
			count("auth.logins", "Logins by provider and outcome", failed.provider(), "outcome", "failure", "reason",
					failed.reason());
		}
		else if (payload instanceof TokensRefreshedEvent refreshed) {
			count("auth.refreshes", "Token refreshes by provider and outcome", refreshed.provider(), "outcome",
					refreshed.outcome().tag());
		}
		else if (payload instanceof TokenRefreshFailedEvent failed) {
			count("auth.refreshes", "Token refreshes by provider and outcome", failed.provider(), "outcome",
					failed.reason().tag());
		}
		else if (payload instanceof SignedOutEvent signedOut) {
			count("auth.logouts", "Logouts by provider and kind", signedOut.provider(), "kind", signedOut.kind().tag());
		}
	}

	@Override
	public boolean supportsAsyncExecution() {
		return false;
	}

	private void count(String name, String description, String provider, String... tags) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters == null) {
			return;
		}
		Counter.builder(name)
			.description(description)
			.tag("provider", this.providers.contains(provider) ? provider : "unknown")
			.tags(tags)
			.register(meters)
			.increment();
	}

}
