package io.github.authstarter.user;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import io.github.authstarter.access.RequestedAuthentication;
import io.github.authstarter.flow.ClaimsStepUps;
import io.github.authstarter.flow.Reauthentication;
import io.github.authstarter.session.SessionUser;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns an API's challenge into the step-up it asks for, unless a recent login already
 * gave what it asks and another would be the same, or APIs have started several in the
 * last minutes: then the API's {@code 401} goes to the application as it came, so that
 * nobody is sent round the provider for ever.
 */
final class ApiStepUps {

	private static final Log logger = LogFactory.getLog(ApiStepUps.class);

	private final CurrentUser currentUser;

	private final RequestedAuthentication recentLogins;

	private final Predicate<String> provesReauthentication;

	ApiStepUps(CurrentUser currentUser, RequestedAuthentication recentLogins,
			Predicate<String> provesReauthentication) {
		this.currentUser = currentUser;
		this.recentLogins = recentLogins;
		this.provesReauthentication = provesReauthentication;
	}

	/**
	 * The step-up a {@code 401}'s challenge asks for.
	 * @param challenges the {@code WWW-Authenticate} values of the API's answer
	 * @param api what the API is called in the log
	 * @return the step-up to answer the request with, or {@code null} to give the API's
	 * answer to the application
	 */
	@Nullable StepUpRequiredException stepUpFor(List<String> challenges, String api) {
		StepUpChallenge challenge = StepUpChallenge.from(challenges);
		if (challenge == null) {
			if (StepUpChallenge.named(challenges)) {
				logger.warn("API " + api + " asked for a step-up the starter cannot read (malformed, oversized "
						+ "or without acr_values, max_age or claims): its 401 goes to the application");
			}
			return null;
		}
		SessionUser user = this.currentUser.user();
		HttpSession session = this.currentUser.request().getSession(false);
		if (session == null) {
			return null;
		}
		String claims = challenge.claims();
		if (claims != null) {
			if (ClaimsStepUps.answered(session, user.provider(), claims)) {
				logger.warn("API " + api + " asked again for the claims a recent login at provider '" + user.provider()
						+ "' asked for: its 401 goes to the application");
				return null;
			}
			return spent(session, user, api) ? new StepUpRequiredException(user.provider(), null, null, claims) : null;
		}
		if (user.idToken() == null || !this.provesReauthentication.test(user.provider())) {
			logger.warn("API " + api + " asked for a step-up (acr_values, max_age) that provider '" + user.provider()
					+ "' cannot prove: its 401 goes to the application");
			return null;
		}
		if (satisfied(challenge, session, user)) {
			logger.warn("API " + api + " asked for a step-up the user's last login at provider '" + user.provider()
					+ "' already proved: its 401 goes to the application");
			return null;
		}
		return spent(session, user, api)
				? new StepUpRequiredException(user.provider(), challenge.maxAge(), challenge.acrValues(), null) : null;
	}

	/** Whether the session may go round the provider once more for an API. */
	private boolean spent(HttpSession session, SessionUser user, String api) {
		if (ClaimsStepUps.spend(session, user.provider(), this.recentLogins.clock().instant())) {
			return true;
		}
		logger.warn("API " + api + " asked for another step-up at provider '" + user.provider()
				+ "' after several in a few minutes: its 401 goes to the application");
		return false;
	}

	private boolean satisfied(StepUpChallenge challenge, @Nullable HttpSession session, SessionUser user) {
		if (challenge.maxAge() != null) {
			Instant authenticated = Reauthentication.authenticatedAt(session, user.provider(), user.subject());
			if (authenticated == null || !this.recentLogins.isWithin(authenticated, challenge.maxAge())) {
				return false;
			}
		}
		if (challenge.acrValues() != null) {
			String acr = Reauthentication.acr(session, user.provider(), user.subject());
			return acr != null && List.of(challenge.acrValues().split(" ")).contains(acr);
		}
		return true;
	}

}
