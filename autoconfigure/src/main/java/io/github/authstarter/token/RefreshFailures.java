package io.github.authstarter.token;

import io.github.authstarter.access.SignInRefusedException;
import io.github.authstarter.event.TokenRefreshFailedEvent;
import io.github.authstarter.event.TokenRefreshFailure;
import io.github.authstarter.event.TokenRefreshOutcome;
import io.github.authstarter.observation.AuthObservationContext;
import io.github.authstarter.session.SessionUser;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Runs a refresh-token grant under the session's lock and decides what each way it can
 * fail means for the session: kept (the provider is down), adopted (a rotation done
 * elsewhere), half kept (the rotated refresh token, when the new id token cannot be
 * checked yet), or signed out (refused by the provider or by the sign-in policy, or an
 * answer that cannot be trusted).
 */
final class RefreshFailures {

	private static final Log logger = LogFactory.getLog(SingleFlightTokenRefresher.class);

	private final RefreshTokenGrant grant;

	private final SessionRecordFlight records;

	private final ApplicationEventPublisher events;

	RefreshFailures(RefreshTokenGrant grant, SessionRecordFlight records, ApplicationEventPublisher events) {
		this.grant = grant;
		this.records = records;
		this.events = events;
	}

	SessionUser grant(HttpServletRequest request, String sessionId, SessionUser latest,
			AuthObservationContext context) {
		try {
			return this.grant.refresh(latest);
		}
		catch (TokenRefreshUnavailableException ex) {
			failed(latest, TokenRefreshFailure.PROVIDER_UNAVAILABLE, context);
			throw ex;
		}
		catch (RefreshTokenGrant.InvalidGrantException ex) {
			// only a genuine refusal ends the session, not a rotation done elsewhere
			SessionUser again = this.records.latest(sessionId, latest);
			if (SingleFlightTokenRefresher.newer(again, latest)) {
				context.reason(TokenRefreshOutcome.REUSED_NEWER_TOKENS.tag());
				return again;
			}
			logger.warn("Refresh refused by provider '" + latest.provider() + "': invalid_grant; signing out");
			throw signedOut(request, sessionId, latest, TokenRefreshFailure.INVALID_GRANT, context);
		}
		catch (RefreshTokenGrant.InvalidIdTokenException ex) {
			// the response cannot be trusted, and its rotated refresh token dies with
			// the session: the spent one is never presented again
			logger.warn("Refresh answer of provider '" + latest.provider() + "' refused: invalid_id_token ("
					+ ex.getMessage() + "); signing out");
			throw signedOut(request, sessionId, latest, TokenRefreshFailure.INVALID_ID_TOKEN, context);
		}
		catch (SignInRefusedException ex) {
			logger.warn("Refresh of provider '" + latest.provider() + "' user refused by the sign-in policy: "
					+ ex.reason() + "; signing out");
			throw signedOut(request, sessionId, latest, TokenRefreshFailure.SIGN_IN_REFUSED, context);
		}
		catch (PendingSignInDecision.ExpiredException ex) {
			// the policy could not be applied for longer than the keys are trusted
			logger.warn("Refresh of provider '" + latest.provider()
					+ "' not completed: jwks_unavailable for longer than jwks-max-age; signing out");
			throw signedOut(request, sessionId, latest, TokenRefreshFailure.JWKS_UNAVAILABLE, context);
		}
		catch (RefreshTokenGrant.IdTokenKeysUnavailableException ex) {
			logger.warn("Refresh of provider '" + latest.provider()
					+ "' not completed: jwks_unavailable; keeping the rotated refresh token only");
			this.records.store(request, sessionId, latest.refreshed(latest.accessToken(), ex.rotatedRefreshToken(),
					latest.idToken(), latest.userInfo(), latest.attributes()));
			failed(latest, TokenRefreshFailure.JWKS_UNAVAILABLE, context);
			throw new TokenRefreshUnavailableException(latest.provider(), "token_refresh_unavailable",
					"its keys cannot be fetched to check the new id token", ex);
		}
	}

	private ReauthenticationRequiredException signedOut(HttpServletRequest request, String sessionId, SessionUser user,
			TokenRefreshFailure reason, AuthObservationContext context) {
		failed(user, reason, context);
		this.records.signOut(request, sessionId);
		return new ReauthenticationRequiredException(user.provider());
	}

	private void failed(SessionUser user, TokenRefreshFailure reason, AuthObservationContext context) {
		context.reason(reason.tag());
		this.events.publishEvent(new TokenRefreshFailedEvent(user.provider(), user.subject(), reason));
	}

}
