package io.github.authstarter.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * Checks an ID token against the {@code max_age} and {@code acr_values} its login asked
 * for (OIDC Core 3.1.2.1, 3.1.3.7): with {@code max_age}, {@code auth_time} must be
 * present and recent enough; with {@code acr_values}, {@code acr} must be one of them. A
 * provider that ignored the request is refused, not trusted.
 */
public final class RequestedAuthentication {

	/**
	 * The request attribute under which the login's callback leaves the additional
	 * parameters of its authorization request ({@code Map<String, Object>}).
	 */
	public static final String REQUEST_ATTRIBUTE = RequestedAuthentication.class.getName() + ".requested";

	/**
	 * How far the provider's clock may be off from this one when {@code auth_time} is
	 * judged, by default ({@code auth.login.auth-time-skew}).
	 */
	public static final Duration DEFAULT_SKEW = Duration.ofSeconds(5);

	private final Clock clock;

	private final Duration skew;

	private final Predicate<String> provesReauthentication;

	/**
	 * Creates the check.
	 * @param clock the clock
	 * @param skew how far the provider's clock may be off from this one; here and in
	 * {@code CurrentUser.requireRecentLogin} the same, so that a login that passed here
	 * is not sent round again
	 */
	public RequestedAuthentication(Clock clock, Duration skew) {
		this(clock, skew, (provider) -> true);
	}

	/**
	 * Creates the check, knowing which providers can prove a new authentication.
	 * @param clock the clock
	 * @param skew how far the provider's clock may be off from this one
	 * @param provesReauthentication whether a provider's ID tokens prove that the user
	 * signed in again when asked ({@code auth_time}, checked here), by provider id
	 */
	public RequestedAuthentication(Clock clock, Duration skew, Predicate<String> provesReauthentication) {
		this.clock = clock;
		this.skew = skew;
		this.provesReauthentication = provesReauthentication;
	}

	/**
	 * Whether a provider's ID tokens prove that the user signed in again when asked.
	 * @param provider the provider id
	 * @return whether they do
	 */
	public boolean provesReauthentication(String provider) {
		return this.provesReauthentication.test(provider);
	}

	/**
	 * The clock this check reads the time from.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * Whether an authentication at the provider is recent enough.
	 * @param authTime when the user last authenticated there ({@code auth_time})
	 * @param maxAge the longest acceptable time since
	 * @return whether it is at most {@code maxAge} ago, give or take the skew
	 */
	public boolean isWithin(Instant authTime, Duration maxAge) {
		return !this.clock.instant().isAfter(authTime.plus(maxAge).plus(this.skew));
	}

	/**
	 * Checks an ID token.
	 * @param idToken the ID token of the login
	 * @param requested the additional parameters of its authorization request
	 * @throws SignInRefusedException {@code max_age_exceeded} or
	 * {@code acr_not_satisfied}
	 */
	public void check(OidcIdToken idToken, Map<String, Object> requested) {
		if (requested.get("max_age") instanceof String maxAge && maxAge.matches("[0-9]{1,9}")) {
			// a login start's max_age is checked to be this; a provider's configured
			// authorization-params could be anything, and only a number can be judged
			Instant authTime = idToken.getAuthenticatedAt();
			if (authTime == null) {
				throw new SignInRefusedException("max_age_exceeded",
						"The provider did not say when you last signed in there, which this sign-in requires.");
			}
			if (!isWithin(authTime, Duration.ofSeconds(Long.parseLong(maxAge)))) {
				throw new SignInRefusedException("max_age_exceeded",
						"The provider did not ask you to sign in again, which this sign-in requires.");
			}
		}
		if (requested.get("acr_values") instanceof String acrValues) {
			String acr = idToken.getAuthenticationContextClass();
			if (acr == null || !List.of(acrValues.split(" ")).contains(acr)) {
				// the requested values came with a link: not echoed to the user
				throw new SignInRefusedException("acr_not_satisfied",
						"The provider did not sign you in the way this sign-in requires.");
			}
		}
	}

}
