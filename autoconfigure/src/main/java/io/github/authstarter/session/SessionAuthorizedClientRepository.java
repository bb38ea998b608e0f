package io.github.authstarter.session;

import java.time.Clock;
import java.util.function.Predicate;

import io.github.authstarter.provider.DpopProofs;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * The signed-in user's tokens, kept in the shared session record rather than in one
 * instance's memory (Boot's default), so every instance sees the same, newest tokens. The
 * refresh token stays in the record: an authorized client handed out carries it only when
 * the provider's {@code expose-tokens} lists {@code refresh}, since whoever holds it can
 * refresh beside the starter's single-flight refresher and keep access after logout.
 */
public final class SessionAuthorizedClientRepository implements OAuth2AuthorizedClientRepository {

	private final SessionUserStore store;

	private final ClientRegistrationRepository registrations;

	private final Predicate<String> refreshTokenExposed;

	private final Clock clock;

	/**
	 * Creates a repository that hands out no refresh token.
	 * @param store the record store
	 * @param registrations the providers
	 */
	public SessionAuthorizedClientRepository(SessionUserStore store, ClientRegistrationRepository registrations) {
		this(store, registrations, (provider) -> false);
	}

	/**
	 * Creates a repository.
	 * @param store the record store
	 * @param registrations the providers
	 * @param refreshTokenExposed whether a provider's refresh token may reach application
	 * code, by provider id
	 */
	public SessionAuthorizedClientRepository(SessionUserStore store, ClientRegistrationRepository registrations,
			Predicate<String> refreshTokenExposed) {
		this(store, registrations, refreshTokenExposed, Clock.systemUTC());
	}

	/**
	 * Creates a repository.
	 * @param store the record store
	 * @param registrations the providers
	 * @param refreshTokenExposed whether a provider's refresh token may reach application
	 * code, by provider id
	 * @param clock the starter's clock, which received tokens and sign-ins are stamped
	 * with
	 */
	public SessionAuthorizedClientRepository(SessionUserStore store, ClientRegistrationRepository registrations,
			Predicate<String> refreshTokenExposed, Clock clock) {
		this.store = store;
		this.registrations = registrations;
		this.refreshTokenExposed = refreshTokenExposed;
		this.clock = clock;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
			@Nullable Authentication principal, HttpServletRequest request) {
		SessionUser user = this.store.read(request);
		if (user == null || !user.provider().equals(clientRegistrationId)) {
			return null;
		}
		ClientRegistration registration = this.registrations.findByRegistrationId(clientRegistrationId);
		if (registration == null) {
			return null;
		}
		String name = (principal != null) ? principal.getName() : user.authentication().getName();
		OAuth2RefreshToken refreshToken = this.refreshTokenExposed.test(clientRegistrationId) ? user.refreshToken()
				: null;
		return (T) new OAuth2AuthorizedClient(registration, name, user.accessToken(), refreshToken);
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, @Nullable Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		String nameAttribute = authorizedClient.getClientRegistration()
			.getProviderDetails()
			.getUserInfoEndpoint()
			.getUserNameAttributeName();
		String registrationId = authorizedClient.getClientRegistration().getRegistrationId();
		SessionUser current = this.store.read(request);
		// one session holds the tokens of the provider its user signed in with; another
		// provider's tokens would be handed out as this user's
		String signedInWith = (principal instanceof OAuth2AuthenticationToken authentication)
				? authentication.getAuthorizedClientRegistrationId() : (current != null) ? current.provider() : null;
		if (!registrationId.equals(signedInWith)) {
			throw new IllegalArgumentException("Refusing to store the tokens of provider '" + registrationId
					+ "' in a session signed in with " + ((signedInWith != null) ? "'" + signedInWith + "'" : "none"));
		}
		OAuth2AccessToken accessToken = authorizedClient.getAccessToken();
		if (current == null || !current.accessToken().getTokenValue().equals(accessToken.getTokenValue())) {
			// just received (a sign-in, or a refresh through Spring's own provider)
			accessToken = ReceivedTokens.onClock(accessToken, this.clock);
		}
		if (principal instanceof OAuth2AuthenticationToken authentication
				&& !(principal instanceof SessionUser.Restored && current != null)) {
			// a sign-in: the login callback's new authentication. The signed-in
			// request's own one (Spring's manager saving a refresh) is none: it must
			// not start the sign-in's maximum lifetime again
			SessionUser user = SessionUser.of(authentication, nameAttribute, accessToken,
					received(authorizedClient.getRefreshToken(), current), this.clock.instant());
			// tokens bound to the login's DPoP key keep it, for their refreshes and calls
			if (OAuth2AccessToken.TokenType.DPOP.equals(accessToken.getTokenType())
					&& request.getAttribute(DpopProofs.LOGIN_KEY) instanceof String key) {
				user = user.withDpopKey(key);
			}
			// the key now lives sealed in the record only, not in clear beside the
			// request
			request.removeAttribute(DpopProofs.LOGIN_KEY);
			this.store.write(request, user);
		}
		else if (current != null) {
			// a client handed out without the refresh token comes back without it: that
			// does not mean the record should lose it
			OAuth2RefreshToken refreshToken = (authorizedClient.getRefreshToken() != null)
					? received(authorizedClient.getRefreshToken(), current) : current.refreshToken();
			// the same record with the new tokens: its API tokens and DPoP key stay
			this.store.write(request, current.refreshed(accessToken, refreshToken, current.idToken(),
					current.userInfo(), current.attributes()));
		}
	}

	private @Nullable OAuth2RefreshToken received(@Nullable OAuth2RefreshToken token, @Nullable SessionUser current) {
		if (token == null || (current != null && current.refreshToken() != null
				&& current.refreshToken().getTokenValue().equals(token.getTokenValue()))) {
			return token;
		}
		return ReceivedTokens.onClock(token, this.clock);
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, @Nullable Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		SessionUser user = this.store.read(request);
		if (user != null && user.provider().equals(clientRegistrationId)) {
			this.store.remove(request);
		}
	}

}
