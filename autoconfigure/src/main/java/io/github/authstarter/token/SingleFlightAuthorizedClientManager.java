package io.github.authstarter.token;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
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
 * token), as Spring's manager does for a client it cannot authorize.
 */
public final class SingleFlightAuthorizedClientManager implements OAuth2AuthorizedClientManager {

	private final SessionUserStore store;

	private final TokenRefresher refresher;

	private final ClientRegistrationRepository registrations;

	/**
	 * Creates the manager.
	 * @param store the session record store
	 * @param refresher the single-flight refresher
	 * @param registrations the providers
	 */
	public SingleFlightAuthorizedClientManager(SessionUserStore store, TokenRefresher refresher,
			ClientRegistrationRepository registrations) {
		this.store = store;
		this.refresher = refresher;
		this.registrations = registrations;
	}

	@Override
	public @Nullable OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest authorizeRequest) {
		HttpServletRequest request = request(authorizeRequest);
		if (request == null) {
			return null;
		}
		SessionUser user = this.store.read(request);
		String registrationId = authorizeRequest.getClientRegistrationId();
		if (user == null || !user.provider().equals(registrationId)) {
			return null;
		}
		ClientRegistration registration = this.registrations.findByRegistrationId(registrationId);
		if (registration == null) {
			return null;
		}
		SessionUser current = this.refresher.refreshIfExpiring(request, user);
		return new OAuth2AuthorizedClient(registration, current.subject(), current.accessToken(),
				current.refreshToken());
	}

	private static @Nullable HttpServletRequest request(OAuth2AuthorizeRequest authorizeRequest) {
		if (authorizeRequest.getAttribute(HttpServletRequest.class.getName()) instanceof HttpServletRequest given) {
			return given;
		}
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}

}
