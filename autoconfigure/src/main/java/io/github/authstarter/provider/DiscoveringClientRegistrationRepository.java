package io.github.authstarter.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The configured providers as Spring Security client registrations. Providers known by
 * issuer are discovered on first use, never while the application starts, so the
 * application starts when a provider is down and only that provider's logins fail until
 * it is back.
 */
public final class DiscoveringClientRegistrationRepository implements ProviderRegistrations {

	private static final Log logger = LogFactory.getLog(DiscoveringClientRegistrationRepository.class);

	private final Map<String, LazyClientRegistration> registrations;

	private final IssuerDiscovery discovery;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Duration refreshInterval;

	private final Clock clock;

	private volatile Function<String, @Nullable ProviderDefinition> stored = (id) -> null;

	private volatile Predicate<String> storedHeld = (id) -> false;

	private volatile Function<String, List<ProviderDefinition>> storedOfTenant = (tenant) -> List.of();

	private final Map<String, LazyClientRegistration> storedRegistrations = new ConcurrentHashMap<>();

	private volatile Consumer<ClientRegistration> storedCheck = (registration) -> {
	};

	private final Map<String, ClientRegistration> checkedRegistrations = new ConcurrentHashMap<>();

	private volatile Map<String, Supplier<String>> generatedSecrets = Map.of();

	private final Map<String, WithSecret> withSecrets = new ConcurrentHashMap<>();

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
		this.discovery = discovery;
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	/**
	 * Also serves the providers of a store, changed while the application runs: a
	 * provider whose definition changes is discovered again at its next use.
	 * @param definitions the definition of each stored provider that may be used now, by
	 * id, or {@code null} for an unknown or disabled one
	 * @return this repository
	 */
	public DiscoveringClientRegistrationRepository withStoredProviders(
			Function<String, @Nullable ProviderDefinition> definitions) {
		return withStoredProviders((id) -> definitions.apply(id) != null, definitions, (tenant) -> List.of());
	}

	/**
	 * Also serves the providers of a store, and lists each tenant's own.
	 * @param held whether the store holds a provider that may be used now, from what is
	 * in memory alone
	 * @param definitions the definition of each stored provider that may be used now, by
	 * id, or {@code null} for an unknown or disabled one
	 * @param ofTenant the stored providers of a tenant that may be used now
	 * @return this repository
	 */
	public DiscoveringClientRegistrationRepository withStoredProviders(Predicate<String> held,
			Function<String, @Nullable ProviderDefinition> definitions,
			Function<String, List<ProviderDefinition>> ofTenant) {
		this.storedHeld = held;
		this.stored = definitions;
		this.storedOfTenant = ofTenant;
		return this;
	}

	private @Nullable LazyClientRegistration registration(String registrationId) {
		LazyClientRegistration configured = this.registrations.get(registrationId);
		if (configured != null) {
			return configured;
		}
		ProviderDefinition definition = this.stored.apply(registrationId);
		if (definition == null) {
			this.storedRegistrations.remove(registrationId);
			this.checkedRegistrations.remove(registrationId);
			return null;
		}
		return this.storedRegistrations.compute(registrationId,
				(id, held) -> (held != null && held.definition().equals(definition)) ? held
						: new LazyClientRegistration(definition, this.discovery, this.initialBackoff, this.maxBackoff,
								this.refreshInterval, this.clock));
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		LazyClientRegistration registration = registration(registrationId);
		return (registration != null) ? checked(withGeneratedSecret(registration.get())) : null;
	}

	/**
	 * Checks what a stored provider's discovery found before it is used: the addresses
	 * its metadata names are the metadata's author's, not the application's.
	 * @param check throws {@link IllegalArgumentException} for a registration that may
	 * not be used
	 * @return this repository
	 */
	public DiscoveringClientRegistrationRepository withStoredRegistrationCheck(Consumer<ClientRegistration> check) {
		this.storedCheck = check;
		return this;
	}

	private @Nullable ClientRegistration checked(@Nullable ClientRegistration registration) {
		if (registration == null || this.registrations.containsKey(registration.getRegistrationId())) {
			return registration;
		}
		String id = registration.getRegistrationId();
		if (this.checkedRegistrations.get(id) != registration) {
			try {
				this.storedCheck.accept(registration);
			}
			catch (IllegalArgumentException ex) {
				throw new ProviderUnavailableException(id, "its metadata " + ex.getMessage(), ex);
			}
			this.checkedRegistrations.put(id, registration);
		}
		return registration;
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

	@Override
	public @Nullable ClientRegistration findIfResolved(String registrationId) {
		LazyClientRegistration registration = registration(registrationId);
		if (registration == null) {
			return null;
		}
		try {
			return checked(withGeneratedSecret(registration.resolvedOrNull()));
		}
		catch (ProviderUnavailableException ex) {
			return null;
		}
	}

	@Override
	public @Nullable String discoveryFailure(String registrationId) {
		LazyClientRegistration registration = registration(registrationId);
		return (registration != null && registration.resolvedOrNull() == null) ? registration.failureOrNull() : null;
	}

	@Override
	public List<ProviderDefinition> definitions() {
		return this.registrations.values().stream().map(LazyClientRegistration::definition).toList();
	}

	@Override
	public List<ProviderDefinition> definitionsFor(@Nullable String tenant) {
		if (tenant == null) {
			return definitions();
		}
		List<ProviderDefinition> all = new ArrayList<>(definitions());
		try {
			all.addAll(this.storedOfTenant.apply(tenant));
		}
		catch (ProviderUnavailableException ex) {
			// the store cannot be read: the page lists what it can
			logger.warn("Listing the configured providers only for tenant '" + tenant + "': " + ex.getMessage());
		}
		return all;
	}

	@Override
	public boolean holds(String registrationId) {
		return this.registrations.containsKey(registrationId) || this.storedHeld.test(registrationId);
	}

	@Override
	public @Nullable ProviderDefinition definition(String registrationId) {
		LazyClientRegistration registration = registration(registrationId);
		return (registration != null) ? registration.definition() : null;
	}

	private record WithSecret(ClientRegistration base, ClientRegistration rebuilt) {
	}

}
