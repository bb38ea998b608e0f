package io.github.authstarter.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.github.authstarter.event.TokenRefreshOutcome;
import io.github.authstarter.event.TokensRefreshedEvent;
import io.github.authstarter.observation.AuthObservationContext;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.observation.AuthOperation;
import io.github.authstarter.session.SessionUser;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Refreshes a session's tokens at most once at a time across all instances. The winner of
 * a per-session Redis lock runs the grant and stores the result in the shared session
 * before releasing the lock; every other request, on any instance, waits for the lock and
 * then uses the winner's tokens. This matters because with refresh-token rotation a
 * second grant with the same refresh token makes the provider revoke the whole token
 * family.
 */
public final class SingleFlightTokenRefresher implements TokenRefresher {

	private static final Log logger = LogFactory.getLog(SingleFlightTokenRefresher.class);

	private final SessionRecordFlight records;

	private final RefreshFailures failures;

	private final ApiTokenClient apiTokens;

	private final RefreshSettings settings;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final AuthObservations observations;

	/**
	 * Creates the refresher.
	 * @param records the session record's single flight across instances, under the lock
	 * logout shares
	 * @param grant the refresh token grant of the sign-in's tokens
	 * @param apiTokens obtains the APIs' own tokens
	 * @param settings the refresh settings
	 * @param events where refresh events go
	 * @param observations records each refresh as {@code auth.refresh}
	 * @param clock the starter's clock: expiry, and the times of received tokens
	 */
	public SingleFlightTokenRefresher(SessionRecordFlight records, RefreshTokenGrant grant, ApiTokenClient apiTokens,
			RefreshSettings settings, ApplicationEventPublisher events, AuthObservations observations, Clock clock) {
		this.records = records;
		this.failures = new RefreshFailures(grant, records, events);
		this.apiTokens = apiTokens;
		this.settings = settings;
		this.events = events;
		this.observations = observations;
		this.clock = clock;
	}

	/**
	 * Whether the user's access token expires within the skew.
	 * @param user the user
	 * @return whether it should be refreshed now
	 */
	@Override
	public boolean expiring(SessionUser user) {
		Instant expiresAt = user.accessToken().getExpiresAt();
		return expiresAt != null && !this.clock.instant().plus(skew(user.accessToken())).isBefore(expiresAt);
	}

	/**
	 * The skew, but at most half the token's lifetime: a token that lives shorter than
	 * the skew would be expiring the moment it arrives, and every request that read it
	 * would refresh again.
	 */
	private Duration skew(OAuth2AccessToken token) {
		Duration skew = this.settings.skew();
		if (token.getIssuedAt() != null && token.getExpiresAt() != null) {
			Duration half = Duration.between(token.getIssuedAt(), token.getExpiresAt()).dividedBy(2);
			return (half.compareTo(skew) < 0) ? half : skew;
		}
		return skew;
	}

	/**
	 * Refreshes the tokens when they expire within the skew and a refresh token exists;
	 * keeps the current ones while the provider is unreachable and they are still valid.
	 * @param request the request of the signed-in user
	 * @param user the user as this request read it
	 * @return the user with usable tokens
	 */
	@Override
	public SessionUser refreshIfExpiring(HttpServletRequest request, SessionUser user) {
		if (!expiring(user) || user.refreshToken() == null) {
			return user;
		}
		try {
			return refresh(request, user, false);
		}
		catch (TokenRefreshUnavailableException ex) {
			Instant expiresAt = user.accessToken().getExpiresAt();
			if (expiresAt != null && this.clock.instant().isBefore(expiresAt)) {
				logger.warn("Keeping the current tokens of provider '" + user.provider()
						+ "' until they expire: the refresh failed");
				return user;
			}
			throw ex;
		}
	}

	/**
	 * Refreshes the tokens now, or takes the ones another instance has just refreshed.
	 * @param request the request of the signed-in user
	 * @param user the user as this request read it
	 * @param force whether to refresh even if another instance refreshed meanwhile
	 * @return the user with refreshed tokens
	 */
	@Override
	public SessionUser refresh(HttpServletRequest request, SessionUser user, boolean force) {
		AuthObservationContext context = this.observations.context(AuthOperation.REFRESH, user.provider());
		return this.observations.observe(context, () -> refreshUnobserved(request, user, force, context));
	}

	private SessionUser refreshUnobserved(HttpServletRequest request, SessionUser user, boolean force,
			AuthObservationContext context) {
		if (user.refreshToken() == null) {
			throw new NoRefreshTokenException(user.provider());
		}
		SessionRecordFlight.Flight flight = this.records.run(request, user, (latest) -> !force && newer(latest, user),
				(latest) -> newer(latest, user),
				(sessionId, latest) -> this.failures.grant(request, sessionId, latest, context));
		context.outcome(flight.outcome().tag());
		this.events.publishEvent(new TokensRefreshedEvent(flight.user().provider(), flight.user().subject(),
				(context.reason() != null) ? TokenRefreshOutcome.REUSED_NEWER_TOKENS : flight.outcome()));
		return flight.user();
	}

	/**
	 * An access token for one of the provider's APIs, obtained under the session's lock
	 * (the one a refresh takes, since a refresh-token grant for an API rotates the
	 * sign-in's refresh token too), stored in the record before the lock is released, and
	 * adopted by every request waiting for it on any instance.
	 * @param request the request of the signed-in user
	 * @param user the user as this request read it
	 * @param api the API
	 * @param refused the token the API just refused, to be replaced, or {@code null}
	 * @return the API's access token
	 */
	@Override
	public OAuth2AccessToken apiToken(HttpServletRequest request, SessionUser user, ApiDefinition api,
			@Nullable String refused) {
		if (api.grant() == ApiGrant.LOGIN) {
			return ((refused != null && refused.equals(user.accessToken().getTokenValue()))
					? refresh(request, user, false) : refreshIfExpiring(request, user))
				.accessToken();
		}
		OAuth2AccessToken held = user.apiTokens().get(api.name());
		if (usable(held, refused)) {
			return held;
		}
		// a token exchange presents the user's own access token: it must be good
		SessionUser current = (api.grant() == ApiGrant.TOKEN_EXCHANGE) ? refreshIfExpiring(request, user) : user;
		AuthObservationContext context = this.observations.context(AuthOperation.API_TOKEN, api.provider(), api.name());
		try {
			SessionRecordFlight.Flight flight = this.observations.observe(context, () -> {
				SessionRecordFlight.Flight done = this.records.run(request, current,
						(latest) -> replaced(latest, api, held, refused),
						(latest) -> replaced(latest, api, held, refused),
						(sessionId, latest) -> this.apiTokens.obtain(latest, api));
				context.outcome(done.outcome().tag());
				return done;
			});
			return Objects.requireNonNull(flight.user().apiTokens().get(api.name()));
		}
		catch (TokenRefreshUnavailableException ex) {
			if (refused == null && held != null
					&& (held.getExpiresAt() == null || this.clock.instant().isBefore(held.getExpiresAt()))) {
				logger.warn("Keeping the current token of API '" + api.registrationId()
						+ "' until it expires: a new one could not be obtained");
				return held;
			}
			throw ex;
		}
	}

	private boolean usable(@Nullable OAuth2AccessToken token, @Nullable String refused) {
		if (token == null || token.getTokenValue().equals(refused)) {
			return false;
		}
		Instant expiresAt = token.getExpiresAt();
		return expiresAt == null || this.clock.instant().plus(skew(token)).isBefore(expiresAt);
	}

	/**
	 * Whether the record now holds a usable API token other than the one this request
	 * saw.
	 */
	private boolean replaced(SessionUser latest, ApiDefinition api, @Nullable OAuth2AccessToken seen,
			@Nullable String refused) {
		OAuth2AccessToken now = latest.apiTokens().get(api.name());
		return now != null && (seen == null || !now.getTokenValue().equals(seen.getTokenValue()))
				&& usable(now, refused);
	}

	static boolean newer(SessionUser candidate, SessionUser seen) {
		return !candidate.accessToken().getTokenValue().equals(seen.accessToken().getTokenValue());
	}

}
