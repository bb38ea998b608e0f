package io.github.authstarter.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The configured providers as Spring Security client registrations. Providers known by
 * issuer are discovered on first use, never while the application starts, so the
 * application starts when a provider is down and only that provider's logins fail until
 * it is back.
 */
public final class DiscoveringClientRegistrationRepository implements ClientRegistrationRepository {

	private final Map<String, LazyClientRegistration> registrations;

	private volatile Map<String, Supplier<String>> generatedSecrets = Map.of();

	private final Map<String, WithSecret> withSecrets = new java.util.concurrent.ConcurrentHashMap<>();

	private record WithSecret(ClientRegistration base, ClientRegistration rebuilt) {
	}

	/**
	 * Creates a repository. No network call is made here.
	 * @param definitions the providers
	 * @param discovery the discovery client
	 * @param initialBackoff the wait before retrying a failed discovery
	 * @param maxBackoff the longest wait between two attempts
	 */
	public DiscoveringClientRegistrationRepository(Collection<ProviderDefinition> definitions,
			IssuerDiscovery discovery, Duration initialBackoff, Duration maxBackoff) {
		this(definitions, discovery, initialBackoff, maxBackoff, Duration.ZERO);
	}

	/**
	 * Creates a repository that fetches a provider's metadata again once it is older than
	 * {@code refreshInterval}, keeping the metadata it has while that fails. No network
	 * call is made here.
	 * @param definitions the providers
	 * @param discovery the discovery client
	 * @param initialBackoff the wait before retrying a failed discovery
	 * @param maxBackoff the longest wait between two attempts
	 * @param refreshInterval how long discovered metadata is used before it is fetched
	 * again; zero for never
	 */
	public DiscoveringClientRegistrationRepository(Collection<ProviderDefinition> definitions,
			IssuerDiscovery discovery, Duration initialBackoff, Duration maxBackoff, Duration refreshInterval) {
		this(definitions, discovery, initialBackoff, maxBackoff, refreshInterval, Clock.systemUTC());
	}

	DiscoveringClientRegistrationRepository(Collection<ProviderDefinition> definitions, IssuerDiscovery discovery,
			Duration initialBackoff, Duration maxBackoff, Clock clock) {
		this(definitions, discovery, initialBackoff, maxBackoff, Duration.ZERO, clock);
	}

	/**
	 * Creates the repository.
	 * @param definitions the providers
	 * @param discovery the discovery client
	 * @param initialBackoff the wait before retrying a failed discovery
	 * @param maxBackoff the longest wait between two attempts
	 * @param refreshInterval how long discovered metadata is used; zero for ever
	 * @param clock the starter's clock, which backoffs and intervals are measured on
	 */
	public DiscoveringClientRegistrationRepository(Collection<ProviderDefinition> definitions,
			IssuerDiscovery discovery, Duration initialBackoff, Duration maxBackoff, Duration refreshInterval,
			Clock clock) {
		Map<String, LazyClientRegistration> registrations = new LinkedHashMap<>();
		for (ProviderDefinition definition : definitions) {
			registrations.put(definition.registrationId(), new LazyClientRegistration(definition, discovery,
					initialBackoff, maxBackoff, refreshInterval, clock));
		}
		this.registrations = Collections.unmodifiableMap(registrations);
	}

	/**
	 * Returns the registration, discovering the provider first when needed.
	 * @param registrationId the provider id
	 * @return the registration, or {@code null} for an unknown provider
	 * @throws ProviderUnavailableException when the provider's metadata cannot be fetched
	 * now
	 */
	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		LazyClientRegistration registration = this.registrations.get(registrationId);
		return (registration != null) ? withGeneratedSecret(registration.get()) : null;
	}

	/**
	 * Uses generated client secrets (Apple's, signed with the team's key and renewed
	 * before they expire) for the providers given, in place of a configured one.
	 * @param secrets the secret of each provider, by id
	 * @return this repository
	 */
	public DiscoveringClientRegistrationRepository withGeneratedSecrets(Map<String, Supplier<String>> secrets) {
		this.generatedSecrets = Map.copyOf(secrets);
		return this;
	}

	private @Nullable ClientRegistration withGeneratedSecret(@Nullable ClientRegistration registration) {
		Supplier<String> secret = (registration != null) ? this.generatedSecrets.get(registration.getRegistrationId())
				: null;
		if (secret == null) {
			return registration;
		}
		String value = secret.get();
		WithSecret cached = this.withSecrets.get(registration.getRegistrationId());
		// rebuilt only when the secret or the discovered registration changed
		if (cached != null && cached.base() == registration && value.equals(cached.rebuilt().getClientSecret())) {
			return cached.rebuilt();
		}
		ClientRegistration rebuilt = ClientRegistration.withClientRegistration(registration)
			.clientSecret(value)
			.build();
		this.withSecrets.put(registration.getRegistrationId(), new WithSecret(registration, rebuilt));
		return rebuilt;
	}

	/**
	 * Returns the registration only if it is already known, without any network call.
	 * @param registrationId the provider id
	 * @return the registration, or {@code null} if unknown or not yet discovered
	 */
	public @Nullable ClientRegistration findIfResolved(String registrationId) {
		LazyClientRegistration registration = this.registrations.get(registrationId);
		return (registration != null) ? withGeneratedSecret(registration.resolvedOrNull()) : null;
	}

	/**
	 * Why the last discovery of a provider failed, without any network call.
	 * @param registrationId the provider id
	 * @return the reason (no secrets), or {@code null} when it has not failed or is
	 * unknown
	 */
	public @Nullable String discoveryFailure(String registrationId) {
		LazyClientRegistration registration = this.registrations.get(registrationId);
		return (registration != null && registration.resolvedOrNull() == null) ? registration.failureOrNull() : null;
	}

	/**
	 * The configured providers, in configuration order, without any network call.
	 * @return the definitions
	 */
	public List<ProviderDefinition> definitions() {
		return this.registrations.values().stream().map(LazyClientRegistration::definition).toList();
	}

	/**
	 * Returns the definition of a provider.
	 * @param registrationId the provider id
	 * @return the definition, or {@code null} for an unknown provider
	 */
	public @Nullable ProviderDefinition definition(String registrationId) {
		LazyClientRegistration registration = this.registrations.get(registrationId);
		return (registration != null) ? registration.definition() : null;
	}

	/**
	 * Whether a provider shows an account picker for {@code prompt=select_account}:
	 * Google and Microsoft do, others when their metadata lists it in
	 * {@code prompt_values_supported}. Others may refuse the value, so it is sent only to
	 * these. No network call.
	 * @param registrationId the provider id
	 * @return whether {@code select_account} may be sent
	 */
	public boolean supportsAccountChoice(String registrationId) {
		ProviderDefinition definition = definition(registrationId);
		if (definition == null) {
			return false;
		}
		if (definition.preset() == ProviderPreset.GOOGLE || definition.preset() == ProviderPreset.MICROSOFT) {
			return true;
		}
		ClientRegistration registration = findIfResolved(registrationId);
		Object values = (registration != null)
				? registration.getProviderDetails().getConfigurationMetadata().get("prompt_values_supported") : null;
		return values instanceof java.util.Collection<?> supported && supported.contains("select_account");
	}

}
