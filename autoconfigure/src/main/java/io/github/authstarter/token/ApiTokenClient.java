package io.github.authstarter.token;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderUnavailableException;
import io.github.authstarter.session.ReceivedTokens;
import io.github.authstarter.session.SessionUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientTokenExchangeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.TokenExchangeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClientException;

/**
 * Obtains one API's access token for a signed-in user through Spring Security's client,
 * with the provider's timeouts: a refresh token grant with the API's scopes, or an RFC
 * 8693 token exchange of the user's access token. Both carry the API's {@code resource}
 * (RFC 8707) and {@code audience} when configured, and authenticate the client as the
 * sign-in's code exchange does.
 */
public final class ApiTokenClient {

	/**
	 * Errors a user can mend by granting the API (OIDC Core 3.1.2.6, RFC 6749 5.2, RFC
	 * 8707 2); Entra ID answers a missing consent with {@code invalid_grant}
	 * (AADSTS65001).
	 */
	private static final Set<String> CONSENT_ERRORS = Set.of("consent_required", "interaction_required",
			"login_required", "invalid_scope", "invalid_target", "access_denied", "invalid_grant");

	private static final Log logger = LogFactory.getLog(ApiTokenClient.class);

	private final ClientRegistrationRepository registrations;

	private final ProviderHttpClients http;

	private final Map<String, RestClientRefreshTokenTokenResponseClient> refreshClients = new ConcurrentHashMap<>();

	private final Map<String, RestClientTokenExchangeTokenResponseClient> exchangeClients = new ConcurrentHashMap<>();

	private final ClientCredentials credentials;

	private final Clock clock;

	/**
	 * Creates the grants.
	 * @param registrations the providers
	 * @param http the providers' HTTP clients
	 * @param credentials how the client authenticates at the token endpoint
	 * @param clock the starter's clock: the times of received tokens
	 */
	public ApiTokenClient(ClientRegistrationRepository registrations, ProviderHttpClients http,
			ClientCredentials credentials, Clock clock) {
		this.clock = clock;
		this.credentials = credentials;
		this.registrations = registrations;
		this.http = http;
	}

	/**
	 * The user's record with a new token for the API.
	 * @throws ApiTokenRefusedException when the provider refuses in a way consent mends
	 * @throws TokenRefreshUnavailableException when it cannot be reached or fails
	 */
	SessionUser obtain(SessionUser user, ApiDefinition api) {
		ClientRegistration registration;
		try {
			registration = this.registrations.findByRegistrationId(api.provider());
		}
		catch (ProviderUnavailableException ex) {
			// not met yet on this instance, and down now: an outage, as a failed grant is
			throw new TokenRefreshUnavailableException(api.provider(), ex);
		}
		if (registration == null) {
			throw new TokenRefreshUnavailableException(api.provider(),
					new IllegalStateException("the provider is not registered"));
		}
		OAuth2AccessTokenResponse response;
		try {
			response = switch (api.grant()) {
				case REFRESH_TOKEN -> refreshGrant(registration, user, api);
				case TOKEN_EXCHANGE -> tokenExchange(registration, user, api);
				case LOGIN -> throw new IllegalStateException("the sign-in's own token serves API " + api.name());
			};
		}
		catch (OAuth2AuthorizationException ex) {
			String error = ex.getError().getErrorCode();
			if (CONSENT_ERRORS.contains(error)) {
				throw new ApiTokenRefusedException(api, error);
			}
			throw new TokenRefreshUnavailableException(api.provider(), ex);
		}
		catch (RestClientException | IllegalArgumentException ex) {
			throw new TokenRefreshUnavailableException(api.provider(), ex);
		}
		if (this.http.refusesBearer(api.provider(), response.getAccessToken())) {
			// dpop: required (or a profile): a bearer token for an API is the same
			// downgrade as one for the sign-in, and is not kept
			// not kept; signing in again would not help (the provider answers the same
			// way), and a page would be sent round for ever
			String why = "provider '" + api.provider() + "' answered a bearer token for API '" + api.name()
					+ "' although auth.providers." + api.provider() + ".dpop is required";
			logger.warn("Not keeping the token: " + why);
			throw new TokenRefreshUnavailableException(api.provider(), "token_refresh_unavailable", why,
					new IllegalStateException(why));
		}
		// a refresh grant may rotate the refresh token: the rotated one replaces the
		// spent one for the sign-in too
		OAuth2RefreshToken refreshToken = (api.grant() == ApiGrant.REFRESH_TOKEN && response.getRefreshToken() != null)
				? ReceivedTokens.onClock(response.getRefreshToken(), this.clock) : user.refreshToken();
		return user.withApiToken(api.name(), ReceivedTokens.onClock(response.getAccessToken(), this.clock),
				refreshToken);
	}

	private OAuth2AccessTokenResponse refreshGrant(ClientRegistration registration, SessionUser user,
			ApiDefinition api) {
		OAuth2RefreshToken refreshToken = user.refreshToken();
		if (refreshToken == null) {
			throw new NoRefreshTokenException(api.provider());
		}
		RestClientRefreshTokenTokenResponseClient client = this.refreshClients.computeIfAbsent(api.registrationId(),
				(id) -> {
					RestClientRefreshTokenTokenResponseClient created = new RestClientRefreshTokenTokenResponseClient();
					created.setRestClient(this.http.tokenEndpointClient(api.provider()));
					this.credentials.configure(created);
					created.addParametersConverter((request) -> target(api));
					return created;
				});
		OAuth2RefreshTokenGrantRequest grant = new OAuth2RefreshTokenGrantRequest(registration, user.accessToken(),
				refreshToken, api.scopes());
		// a bound sign-in's refresh token goes with a proof of its key, and the API's
		// token comes back bound to it too
		return this.http.withDpopKey(user.dpopKey(), () -> client.getTokenResponse(grant));
	}

	private OAuth2AccessTokenResponse tokenExchange(ClientRegistration registration, SessionUser user,
			ApiDefinition api) {
		ClientRegistration exchange = ClientRegistration.withClientRegistration(registration)
			.registrationId(api.registrationId())
			.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
			.scope(api.scopes())
			.build();
		RestClientTokenExchangeTokenResponseClient client = this.exchangeClients.computeIfAbsent(api.registrationId(),
				(id) -> {
					RestClientTokenExchangeTokenResponseClient created = new RestClientTokenExchangeTokenResponseClient();
					created.setRestClient(this.http.tokenEndpointClient(api.provider()));
					this.credentials.configure(created);
					created.addParametersConverter((request) -> target(api));
					return created;
				});
		TokenExchangeGrantRequest grant = new TokenExchangeGrantRequest(exchange, user.accessToken(), null);
		return this.http.withDpopKey(user.dpopKey(), () -> client.getTokenResponse(grant));
	}

	private static MultiValueMap<String, String> target(ApiDefinition api) {
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		if (api.resource() != null) {
			parameters.add("resource", api.resource());
		}
		if (api.audience() != null) {
			parameters.add("audience", api.audience());
		}
		return parameters;
	}

}
