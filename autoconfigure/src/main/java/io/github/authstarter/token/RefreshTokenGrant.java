package io.github.authstarter.token;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.RemoteKeySourceException;
import io.github.authstarter.access.ProviderClaims;
import io.github.authstarter.access.SignInRefusedException;
import io.github.authstarter.access.UserAccess;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.provider.ProviderUserInfoService;
import io.github.authstarter.session.ReceivedTokens;
import io.github.authstarter.session.SessionUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClientException;

/**
 * One refresh token grant through Spring Security's client, with bounded timeouts, and
 * the user's claims brought up to date: from the new id token (validated like at login,
 * with an unchanged {@code sub}) and from the user-info endpoint when there is one.
 */
public final class RefreshTokenGrant {

	private static final Log logger = LogFactory.getLog(RefreshTokenGrant.class);

	private final ClientRegistrationRepository registrations;

	private final JwtDecoderFactory<ClientRegistration> idTokenDecoders;

	private final ProviderHttpClients http;

	private final Map<String, RestClientRefreshTokenTokenResponseClient> clients = new ConcurrentHashMap<>();

	private final ProviderUserInfoService userInfo;

	private final UserAccess access;

	private final ClientCredentials credentials;

	private final PendingSignInDecision pending;

	private final Clock clock;

	/**
	 * Creates the grant.
	 * @param registrations the providers
	 * @param idTokenDecoders validates refreshed ID tokens like at login
	 * @param http the providers' HTTP clients
	 * @param credentials how the client authenticates at the token endpoint
	 * @param access grants authorities anew and applies the sign-in policy again
	 * @param clock the starter's clock: the times of received tokens
	 */
	public RefreshTokenGrant(ClientRegistrationRepository registrations,
			JwtDecoderFactory<ClientRegistration> idTokenDecoders, ProviderHttpClients http,
			ClientCredentials credentials, UserAccess access, Clock clock) {
		this.pending = new PendingSignInDecision(clock);
		this.clock = clock;
		this.credentials = credentials;
		this.access = access;
		this.registrations = registrations;
		this.idTokenDecoders = idTokenDecoders;
		this.http = http;
		this.userInfo = new ProviderUserInfoService(http);
	}

	private RestClientRefreshTokenTokenResponseClient client(String registrationId) {
		return this.clients.computeIfAbsent(registrationId, (id) -> {
			RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();
			client.setRestClient(this.http.tokenEndpointClient(id));
			this.credentials.configure(client);
			return client;
		});
	}

	/**
	 * Refreshes the tokens of {@code user}.
	 * @throws InvalidGrantException when the provider refused the refresh token
	 * @throws TokenRefreshUnavailableException when the provider cannot be reached or
	 * answered with a server error
	 */
	SessionUser refresh(SessionUser user) {
		OAuth2RefreshToken refreshToken = user.refreshToken();
		if (refreshToken == null) {
			throw new NoRefreshTokenException(user.provider());
		}
		ClientRegistration registration = registration(user.provider());
		if (registration == null) {
			throw new InvalidGrantException();
		}
		OAuth2AccessTokenResponse response;
		try {
			RestClientRefreshTokenTokenResponseClient client = client(registration.getRegistrationId());
			OAuth2RefreshTokenGrantRequest grant = new OAuth2RefreshTokenGrantRequest(registration, user.accessToken(),
					refreshToken);
			// a bound sign-in refreshes with a proof of its key (RFC 9449 section 5)
			response = this.http.withDpopKey(user.dpopKey(), () -> client.getTokenResponse(grant));
		}
		catch (OAuth2AuthorizationException ex) {
			if ("invalid_grant".equals(ex.getError().getErrorCode())) {
				throw new InvalidGrantException();
			}
			throw new TokenRefreshUnavailableException(user.provider(), ex);
		}
		catch (RestClientException | IllegalStateException | IllegalArgumentException ex) {
			throw new TokenRefreshUnavailableException(user.provider(), ex);
		}
		if (this.http.refusesBearer(user.provider(), response.getAccessToken())) {
			// dpop: required and the provider answered a bearer token: no quiet
			// downgrade,
			// the user signs in again
			logger.warn("Provider '" + user.provider() + "' answered a refresh with a bearer token although auth."
					+ "providers." + user.provider() + ".dpop is required; signing in again");
			throw new InvalidGrantException();
		}
		OAuth2RefreshToken newRefreshToken = (response.getRefreshToken() != null)
				? ReceivedTokens.onClock(response.getRefreshToken(), this.clock) : refreshToken;
		OidcIdToken idToken = newIdToken(registration, user, response, newRefreshToken);
		SessionUser refreshed = user.refreshed(ReceivedTokens.onClock(response.getAccessToken(), this.clock),
				newRefreshToken, idToken, user.userInfo(), user.attributes());
		return authorized(registration, withFreshUserInfo(registration, refreshed), user);
	}

	/**
	 * The provider's registration: an instance that has not met the provider yet
	 * discovers it now, and while the provider is down that is an outage (503, the tokens
	 * kept), never an error of the request.
	 */
	private @Nullable ClientRegistration registration(String provider) {
		try {
			return this.registrations.findByRegistrationId(provider);
		}
		catch (ProviderUnavailableException ex) {
			throw new TokenRefreshUnavailableException(provider, ex);
		}
	}

	/**
	 * Authorities follow the provider: a role removed there is gone after the next
	 * refresh, and a user the sign-in policy no longer admits is signed out.
	 * @throws SignInRefusedException when the policy refuses the user now
	 */
	private SessionUser authorized(ClientRegistration registration, SessionUser user, SessionUser before) {
		Map<String, Object> idToken = (user.idToken() != null) ? user.idToken().getClaims() : Map.of();
		Map<String, Object> info = (user.idToken() != null) ? user.userInfo() : user.attributes();
		ProviderClaims claims;
		try {
			claims = this.access.claims(registration, idToken, (info != null) ? info : Map.of(), user.accessToken());
		}
		catch (OAuth2AuthenticationException ex) {
			// the keys to check the access token cannot be fetched now: the authorities
			// of the last successful check stay until the next refresh, as long as the
			// keys are trusted
			this.pending.keepOrFailClosed(before, ex);
			logger.warn(
					"Kept the authorities of provider '" + user.provider() + "' user: " + ex.getError().getErrorCode());
			return user;
		}
		return user.withAuthorities(List.copyOf(this.access.authorize(user.provider(), claims)));
	}

	/**
	 * OIDC Core 12.2: a new id token must be validated like the first and name the same
	 * user; a refresh response whose id token fails that is not to be trusted at all.
	 */
	private @Nullable OidcIdToken newIdToken(ClientRegistration registration, SessionUser user,
			OAuth2AccessTokenResponse response, OAuth2RefreshToken newRefreshToken) {
		Object value = response.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
		if (!(value instanceof String token) || user.idToken() == null) {
			return user.idToken();
		}
		Jwt jwt;
		try {
			jwt = this.idTokenDecoders.createDecoder(registration).decode(token);
		}
		catch (JwtException ex) {
			if (keysUnavailable(ex)) {
				this.pending.keepOrFailClosed(user, ex);
				throw new IdTokenKeysUnavailableException(user.provider(), newRefreshToken, ex);
			}
			throw new InvalidIdTokenException(ex.getClass().getSimpleName());
		}
		catch (OAuth2AuthenticationException ex) {
			throw new InvalidIdTokenException(ex.getError().getErrorCode());
		}
		if (!user.subject().equals(jwt.getSubject())) {
			// a refresh must never turn one user into another
			throw new InvalidIdTokenException("sub_changed");
		}
		return new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims());
	}

	private static boolean keysUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RemoteKeySourceException) {
				return true;
			}
		}
		return false;
	}

	private SessionUser withFreshUserInfo(ClientRegistration registration, SessionUser user) {
		if (!StringUtils.hasText(registration.getProviderDetails().getUserInfoEndpoint().getUri())) {
			return user;
		}
		Map<String, Object> attributes;
		try {
			OAuth2UserRequest request = new OAuth2UserRequest(registration, user.accessToken());
			attributes = (OAuth2AccessToken.TokenType.DPOP.equals(user.accessToken().getTokenType()))
					? this.http.withDpopKey(user.dpopKey(), () -> this.userInfo.loadUser(request)).getAttributes()
					: this.userInfo.loadUser(request).getAttributes();
		}
		catch (RuntimeException ex) {
			// the tokens are good; stale user info is better than no session
			logger.warn("Could not refresh the user info of provider '" + user.provider() + "': "
					+ ex.getClass().getSimpleName());
			return user;
		}
		String named = (user.idToken() != null) ? String.valueOf(attributes.get("sub"))
				: String.valueOf(attributes.get(user.nameAttribute()));
		if (!user.subject().equals(named)) {
			// OIDC Core 5.3.2: user info about someone else must not be used; for a
			// plain OAuth2 provider it would change who is signed in
			logger.warn("Ignored the refreshed user info of provider '" + user.provider()
					+ "': it names another user than the one signed in");
			return user;
		}
		if (user.idToken() != null) {
			return user.refreshed(user.accessToken(), user.refreshToken(), user.idToken(), attributes, null);
		}
		return user.refreshed(user.accessToken(), user.refreshToken(), null, null, attributes);
	}

	/**
	 * The refresh response carried an id token that failed validation: nothing in it can
	 * be trusted, and the user must sign in again.
	 */
	static final class InvalidIdTokenException extends RuntimeException {

		InvalidIdTokenException(String detail) {
			super(detail, null, false, false);
		}

	}

	/**
	 * The refresh response's id token could not be checked because the provider's keys
	 * could not be fetched. The grant itself happened, so the provider may have rotated
	 * the refresh token: the new one is kept so the spent one is never presented again.
	 */
	static final class IdTokenKeysUnavailableException extends RuntimeException {

		private final OAuth2RefreshToken rotatedRefreshToken;

		IdTokenKeysUnavailableException(String provider, OAuth2RefreshToken rotatedRefreshToken, Throwable cause) {
			super("The keys of provider '" + provider + "' cannot be fetched to check the refreshed id token", cause);
			this.rotatedRefreshToken = rotatedRefreshToken;
		}

		OAuth2RefreshToken rotatedRefreshToken() {
			return this.rotatedRefreshToken;
		}

	}

	/**
	 * The provider refused the refresh token.
	 */
	static final class InvalidGrantException extends RuntimeException {

		InvalidGrantException() {
			super("invalid_grant", null, false, false);
		}

	}

}
