package io.github.authstarter.flow;

import io.github.authstarter.provider.ProviderProfiles;
import io.github.authstarter.provider.ProviderRegistrations;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Refuses a login start whose provider cannot meet its security profile, before a key is
 * made or a request pushed: a provider held to FAPI 2.0 that lacks one of its features
 * gets no login at all rather than a weaker one. Runs after the login-start cap.
 */
public final class ProfileCheckingAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

	private final OAuth2AuthorizationRequestResolver delegate;

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
		this.delegate = delegate;
		this.profiles = profiles;
		this.registrations = registrations;
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		return checked(this.delegate.resolve(request));
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		return checked(this.delegate.resolve(request, clientRegistrationId));
	}

	private @Nullable OAuth2AuthorizationRequest checked(@Nullable OAuth2AuthorizationRequest resolved) {
		if (resolved != null && resolved.getAttribute(OAuth2ParameterNames.REGISTRATION_ID) instanceof String id
				&& this.profiles.of(id) != null) {
			ClientRegistration registration = this.registrations.findByRegistrationId(id);
			if (registration != null) {
				this.profiles.check(registration);
			}
		}
		return resolved;
	}

}
