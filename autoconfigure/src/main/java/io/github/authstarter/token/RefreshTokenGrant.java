package io.github.authstarter.token;

import java.util.Map;

import io.github.authstarter.provider.ProviderHttp;
import io.github.authstarter.session.SessionUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClientException;

/**
 * One refresh token grant through Spring Security's client, with bounded timeouts, and
 * the user's claims brought up to date: from the new id token (validated like at login,
 * with an unchanged {@code sub}) and from the user-info endpoint when there is one.
 */
final class RefreshTokenGrant {

	private static final Log logger = LogFactory.getLog(RefreshTokenGrant.class);

	private final ClientRegistrationRepository registrations;

	private final JwtDecoderFactory<ClientRegistration> idTokenDecoders;

	private final RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();

	private final DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();

	RefreshTokenGrant(ClientRegistrationRepository registrations, JwtDecoderFactory<ClientRegistration> idTokenDecoders,
			RefreshSettings settings) {
		this.registrations = registrations;
		this.idTokenDecoders = idTokenDecoders;
		this.client.setRestClient(ProviderHttp.tokenEndpointClient(settings.timeout()));
		this.userInfo.setRestOperations(ProviderHttp.restTemplate(settings.timeout()));
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
		ClientRegistration registration = this.registrations.findByRegistrationId(user.provider());
		if (registration == null) {
			throw new InvalidGrantException();
		}
		OAuth2AccessTokenResponse response;
		try {
			response = this.client
				.getTokenResponse(new OAuth2RefreshTokenGrantRequest(registration, user.accessToken(), refreshToken));
		}
		catch (OAuth2AuthorizationException ex) {
			if ("invalid_grant".equals(ex.getError().getErrorCode())) {
				throw new InvalidGrantException();
			}
			throw new TokenRefreshUnavailableException(user.provider(), ex);
		}
		catch (RestClientException | IllegalStateException ex) {
			throw new TokenRefreshUnavailableException(user.provider(), ex);
		}
		OAuth2RefreshToken newRefreshToken = (response.getRefreshToken() != null) ? response.getRefreshToken()
				: refreshToken;
		OidcIdToken idToken = newIdToken(registration, user, response);
		SessionUser refreshed = user.refreshed(response.getAccessToken(), newRefreshToken, idToken, user.userInfo(),
				user.attributes());
		return withFreshUserInfo(registration, refreshed);
	}

	private @Nullable OidcIdToken newIdToken(ClientRegistration registration, SessionUser user,
			OAuth2AccessTokenResponse response) {
		Object value = response.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
		if (!(value instanceof String token) || user.idToken() == null) {
			return user.idToken();
		}
		Jwt jwt = this.idTokenDecoders.createDecoder(registration).decode(token);
		if (!user.subject().equals(jwt.getSubject())) {
			// a refresh must never turn one user into another
			throw new InvalidGrantException();
		}
		return new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims());
	}

	private SessionUser withFreshUserInfo(ClientRegistration registration, SessionUser user) {
		if (!StringUtils.hasText(registration.getProviderDetails().getUserInfoEndpoint().getUri())) {
			return user;
		}
		try {
			Map<String, Object> attributes = this.userInfo
				.loadUser(new OAuth2UserRequest(registration, user.accessToken()))
				.getAttributes();
			if (user.idToken() != null) {
				if (!user.subject().equals(String.valueOf(attributes.get("sub")))) {
					return user;
				}
				return user.refreshed(user.accessToken(), user.refreshToken(), user.idToken(), attributes, null);
			}
			return user.refreshed(user.accessToken(), user.refreshToken(), null, null, attributes);
		}
		catch (RuntimeException ex) {
			// the tokens are good; stale user info is better than no session
			logger.warn("Could not refresh the user info of provider '" + user.provider() + "': "
					+ ex.getClass().getSimpleName());
			return user;
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
