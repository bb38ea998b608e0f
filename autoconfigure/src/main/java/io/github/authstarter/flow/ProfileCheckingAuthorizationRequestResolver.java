package io.github.authstarter.flow;

import io.github.authstarter.provider.ProviderProfiles;
import io.github.authstarter.provider.ProviderRegistrations;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Refuses a login start whose provider cannot meet its security profile, before a key is
 * made or a request pushed: a provider held to FAPI 2.0 that lacks one of its features
 * gets no login at all rather than a weaker one. Runs after the login-start cap.
 */
public final class ProfileCheckingAuthorizationRequestResolver extends AuthorizationRequestStep {

	private final ProviderProfiles profiles;

	private final ProviderRegistrations registrations;

	/**
	 * Wraps a resolver.
	 * @param delegate builds the request
	 * @param profiles the providers' profiles
	 * @param registrations the providers, with their metadata
	 */
	public ProfileCheckingAuthorizationRequestResolver(OAuth2AuthorizationRequestResolver delegate,
			ProviderProfiles profiles, ProviderRegistrations registrations) {
		super(delegate);
		this.profiles = profiles;
		this.registrations = registrations;
	}

	@Override
	OAuth2AuthorizationRequest apply(OAuth2AuthorizationRequest resolved) {
		if (resolved.getAttribute(OAuth2ParameterNames.REGISTRATION_ID) instanceof String id
				&& this.profiles.of(id) != null) {
			ClientRegistration registration = this.registrations.findByRegistrationId(id);
			if (registration != null) {
				this.profiles.check(registration);
			}
		}
		return resolved;
	}

}
