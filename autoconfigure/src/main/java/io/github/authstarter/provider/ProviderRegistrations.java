package io.github.authstarter.provider;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The configured providers: their definitions, known without any network call, and their
 * client registrations, which may need the provider's metadata first. Everything in the
 * starter that needs a provider depends on this, and the auto-configurations back off
 * when there is none.
 */
public interface ProviderRegistrations extends ClientRegistrationRepository {

	/**
	 * Returns the registration, discovering the provider first when needed.
	 * @param registrationId the provider id
	 * @return the registration, or {@code null} for an unknown provider
	 * @throws ProviderUnavailableException when the provider's metadata cannot be fetched
	 * now
	 */
	@Override
	@Nullable ClientRegistration findByRegistrationId(String registrationId);

	/**
	 * Returns the registration only if it is already known, without any network call.
	 * @param registrationId the provider id
	 * @return the registration, or {@code null} if unknown or not yet discovered
	 */
	@Nullable ClientRegistration findIfResolved(String registrationId);

	/**
	 * Why the last discovery of a provider failed, without any network call.
	 * @param registrationId the provider id
	 * @return the reason (no secrets), or {@code null} when it has not failed or is
	 * unknown
	 */
	@Nullable String discoveryFailure(String registrationId);

	/**
	 * The configured providers, in configuration order, without any network call.
	 * @return the definitions
	 */
	List<ProviderDefinition> definitions();

	/**
	 * The providers a tenant's sign-in page lists: the configured ones, then the tenant's
	 * own from a store. No network call.
	 * @param tenant the tenant, or {@code null} for none
	 * @return the definitions
	 */
	default List<ProviderDefinition> definitionsFor(@Nullable String tenant) {
		return definitions();
	}

	/**
	 * Whether a provider of this id may be used now, known without any network call or
	 * read of a store: a login start for it is counted before its metadata is fetched.
	 * @param registrationId the provider id
	 * @return whether it is configured, or stored and enabled
	 */
	default boolean holds(String registrationId) {
		return definition(registrationId) != null;
	}

	/**
	 * Returns the definition of a provider.
	 * @param registrationId the provider id
	 * @return the definition, or {@code null} for an unknown provider
	 */
	@Nullable ProviderDefinition definition(String registrationId);

	/**
	 * Whether a provider shows an account picker for {@code prompt=select_account}:
	 * Google and Microsoft do, others when their metadata lists it in
	 * {@code prompt_values_supported}. Others may refuse the value, so it is sent only to
	 * these. No network call.
	 * @param registrationId the provider id
	 * @return whether {@code select_account} may be sent
	 */
	default boolean supportsAccountChoice(String registrationId) {
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
		return values instanceof Collection<?> supported && supported.contains("select_account");
	}

}
