package io.github.authstarter.token;

import java.util.List;
import java.util.function.Predicate;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Spring Security's {@link OAuth2AuthorizedClientManager} on the starter's session
 * record: {@code OAuth2ClientHttpRequestInterceptor} on a {@code RestClient}, HTTP
 * service clients marked {@code @ClientRegistrationId} and
 * {@code @RegisteredOAuth2AuthorizedClient} parameters get the signed-in user's tokens,
 * and a token about to expire is refreshed through the starter's single-flight refresher
 * (one grant per session across instances, under refresh-token rotation), never by
 * Spring's own provider outside that lock. Only the user's own provider is answered; a
 * request for another registration, or without a signed-in user, gets {@code null} (no
 * token), as Spring's manager does for a client it cannot authorize. The providers' APIs
 * ({@code auth.providers.<id>.apis.<name>}) are answered as {@code <id>/<name>}, such as
 * {@code @ClientRegistrationId("corp/graph")}, with the API's own token.
 */
public final class SingleFlightAuthorizedClientManager implements OAuth2AuthorizedClientManager {

	private final SessionUserStore store;

	private final TokenRefresher refresher;

	private final ClientRegistrationRepository registrations;

	private final ProviderApis apis;

	private final Predicate<String> refreshTokenExposed;

	/**
	 * Creates the manager, which hands out no refresh token.
	 * @param store the session record store
	 * @param refresher the single-flight refresher
	 * @param registrations the providers
	 */
	public SingleFlightAuthorizedClientManager(SessionUserStore store, TokenRefresher refresher,
			ClientRegistrationRepository registrations) {
		this(store, refresher, registrations, new ProviderApis(List.of()), (provider) -> false);
	}

	/**
	 * Creates the manager that also answers for the providers' APIs, named
	 * {@code <provider>/<api>} as in {@code @ClientRegistrationId("corp/graph")}.
	 * @param store the session record store
	 * @param refresher the single-flight refresher
	 * @param registrations the providers
	 * @param apis the providers' APIs
	 * @param refreshTokenExposed whether a provider's refresh token may reach application
	 * code ({@code expose-tokens} lists {@code refresh}), by provider id; otherwise it
	 * stays with the single-flight refresher
	 */
	public SingleFlightAuthorizedClientManager(SessionUserStore store, TokenRefresher refresher,
			ClientRegistrationRepository registrations, ProviderApis apis, Predicate<String> refreshTokenExposed) {
		this.apis = apis;
		this.store = store;
		this.refresher = refresher;
		this.registrations = registrations;
		this.refreshTokenExposed = refreshTokenExposed;
	}

	@Override
	public @Nullable OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest authorizeRequest) {
		HttpServletRequest request = request(authorizeRequest);
		if (request == null) {
			return null;
		}
		SessionUser user = this.store.read(request);
		String registrationId = authorizeRequest.getClientRegistrationId();
		ApiDefinition api = this.apis.byRegistrationId(registrationId);
		if (user != null && api != null && user.provider().equals(api.provider())) {
			return apiClient(request, user, api);
		}
		if (user == null || !user.provider().equals(registrationId)) {
			return null;
		}
		ClientRegistration registration = this.registrations.findByRegistrationId(registrationId);
		if (registration == null) {
			return null;
		}
		SessionUser current = this.refresher.refreshIfExpiring(request, user);
		return new OAuth2AuthorizedClient(registration, current.subject(), current.accessToken(),
				this.refreshTokenExposed.test(registrationId) ? current.refreshToken() : null);
	}

	private @Nullable OAuth2AuthorizedClient apiClient(HttpServletRequest request, SessionUser user,
			ApiDefinition api) {
		ClientRegistration provider = this.registrations.findByRegistrationId(api.provider());
		if (provider == null) {
			return null;
		}
		OAuth2AccessToken token = this.refresher.apiToken(request, user, api, null);
		// the API's own registration: its id and scopes, the provider's endpoints and
		// client; the refresh token stays with the starter
		ClientRegistration registration = ClientRegistration.withClientRegistration(provider)
			.registrationId(api.registrationId())
			.scope(api.scopes())
			.build();
		return new OAuth2AuthorizedClient(registration, user.subject(), token, null);
	}

	private static @Nullable HttpServletRequest request(OAuth2AuthorizeRequest authorizeRequest) {
		if (authorizeRequest.getAttribute(HttpServletRequest.class.getName()) instanceof HttpServletRequest given) {
			return given;
		}
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}

}
