package io.github.authstarter.flow;

import java.time.Instant;
import java.util.Map;

import io.github.authstarter.access.RequestedAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * What the last login of a session proved about the user beyond their identity: that they
 * authenticated at the provider at a known time, from a login that asked for
 * {@code max_age} and got an {@code auth_time} within it, and with which authentication
 * context, from a login that asked for {@code acr_values} and got one of them.
 * <p>
 * Only such a login counts: any other (a silent single sign-on, a provider without ID
 * tokens) sets the session's login time to now without anybody having typed anything, so
 * {@code requireRecentLogin} and {@code requireAcr} trust this record and nothing else.
 * Kept in the server-side session, replaced by every login.
 */
public final class Reauthentication {

	/**
	 * The session attribute:
	 * {@code <provider> <auth_time epoch seconds or -> <acr or ->}.
	 */
	public static final String SESSION_ATTRIBUTE = "AUTH_REAUTHENTICATED";

	private Reauthentication() {
	}

	/**
	 * Records what a successful login proved, and consumes the step-up it answered. A
	 * login that asked for nothing proves nothing and clears the record; one that asked
	 * for something keeps what an earlier login of the same user proved and it did not
	 * ask again (a step-up for {@code acr} after one for a recent login, say), so that an
	 * action needing both is not sent round for ever.
	 * @param request the callback request, carrying what its authorization request asked
	 * for
	 * @param session the signed-in session
	 * @param provider the provider id
	 * @param idToken the login's ID token, or {@code null} for an OAuth2-only provider
	 */
	public static void recordLogin(HttpServletRequest request, HttpSession session, String provider,
			@Nullable OidcIdToken idToken) {
		Map<?, ?> requested = (request.getAttribute(RequestedAuthentication.REQUEST_ATTRIBUTE) instanceof Map<?, ?> map)
				? map : Map.of();
		// the step-up's own claims, not what configured claims (asked on every login)
		// made
		// of them
		String claims = (request.getAttribute(ClaimsStepUps.ASKED_ATTRIBUTE) instanceof String asked) ? asked : null;
		StepUp.answered(session, provider, claims);
		boolean askedMaxAge = requested.get("max_age") instanceof String maxAge && maxAge.matches("[0-9]{1,9}");
		boolean askedAcr = requested.get("acr_values") instanceof String;
		// a login for an API's claims proves nothing new, but must not forget what an
		// earlier one proved, or an action needing both would send the user round for
		// ever
		boolean askedClaims = claims != null;
		if (idToken == null || idToken.getSubject() == null || !(askedMaxAge || askedAcr || askedClaims)) {
			session.removeAttribute(SESSION_ATTRIBUTE);
			return;
		}
		// RequestedAuthentication refused the login if auth_time was missing or too old,
		// or the acr not among those asked for
		Instant authTime = askedMaxAge ? idToken.getAuthenticatedAt() : null;
		String acr = askedAcr ? idToken.getAuthenticationContextClass() : null;
		if (acr != null && (acr.isEmpty() || acr.chars().anyMatch(Character::isWhitespace))) {
			// no acr_values entry can hold it
			acr = null;
		}
		Proof earlier = Proof.of(session);
		if (earlier != null && earlier.provider().equals(provider) && earlier.subject().equals(idToken.getSubject())) {
			authTime = (authTime != null) ? authTime : earlier.authTime();
			acr = (acr != null) ? acr : earlier.acr();
		}
		if (authTime == null && acr == null) {
			session.removeAttribute(SESSION_ATTRIBUTE);
			return;
		}
		session.setAttribute(SESSION_ATTRIBUTE, new Proof(provider, authTime, acr, idToken.getSubject()).toString());
	}

	/**
	 * When the user last proved to the provider, by signing in again on request, that it
	 * is them.
	 * @param session the user's session, or {@code null}
	 * @param provider the provider the user is signed in with
	 * @param subject the user's subject at that provider
	 * @return the {@code auth_time} of that login, or {@code null} when none proved it
	 */
	public static @Nullable Instant authenticatedAt(@Nullable HttpSession session, String provider, String subject) {
		Proof proof = Proof.of(session);
		return (proof != null && proof.of(provider, subject)) ? proof.authTime() : null;
	}

	/**
	 * The authentication context class a login of this session asked for and got.
	 * @param session the user's session, or {@code null}
	 * @param provider the provider the user is signed in with
	 * @param subject the user's subject at that provider
	 * @return the {@code acr}, or {@code null} when none was proved
	 */
	public static @Nullable String acr(@Nullable HttpSession session, String provider, String subject) {
		Proof proof = Proof.of(session);
		return (proof != null && proof.of(provider, subject)) ? proof.acr() : null;
	}

	/**
	 * What one user's logins proved, as kept in the session:
	 * {@code <provider> <auth_time epoch seconds or -> <acr or -> <subject>}.
	 */
	private record Proof(String provider, @Nullable Instant authTime, @Nullable String acr, String subject) {

		static @Nullable Proof of(@Nullable HttpSession session) {
			if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof String recorded)) {
				return null;
			}
			String[] parts = recorded.split(" ", 4);
			if (parts.length != 4 || !(parts[1].equals("-") || parts[1].matches("[0-9]{1,12}"))) {
				return null;
			}
			return new Proof(parts[0], parts[1].equals("-") ? null : Instant.ofEpochSecond(Long.parseLong(parts[1])),
					parts[2].equals("-") ? null : parts[2], parts[3]);
		}

		boolean of(String provider, String subject) {
			return this.provider.equals(provider) && this.subject.equals(subject);
		}

		@Override
		public String toString() {
			return this.provider + " " + ((this.authTime != null) ? this.authTime.getEpochSecond() : "-") + " "
					+ ((this.acr != null) ? this.acr : "-") + " " + this.subject;
		}

	}

}
