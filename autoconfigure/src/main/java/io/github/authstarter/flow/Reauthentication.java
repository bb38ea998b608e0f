package io.github.authstarter.flow;

import java.time.Instant;
import java.util.List;
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
	 * Records what a successful login proved, and consumes the step-up it answered.
	 * @param request the callback request, carrying what its authorization request asked
	 * for
	 * @param session the signed-in session
	 * @param provider the provider id
	 * @param idToken the login's ID token, or {@code null} for an OAuth2-only provider
	 */
	public static void recordLogin(HttpServletRequest request, HttpSession session, String provider,
			@Nullable OidcIdToken idToken) {
		StepUp.answered(session, provider);
		Map<?, ?> requested = (request.getAttribute(RequestedAuthentication.REQUEST_ATTRIBUTE) instanceof Map<?, ?> map)
				? map : Map.of();
		Instant authTime = null;
		String acr = null;
		if (idToken != null) {
			// RequestedAuthentication refused the login if auth_time was missing or too
			// old
			if (requested.get("max_age") instanceof String maxAge && maxAge.matches("[0-9]{1,9}")) {
				authTime = idToken.getAuthenticatedAt();
			}
			if (requested.get("acr_values") instanceof String acrValues
					&& idToken.getAuthenticationContextClass() != null
					&& List.of(acrValues.split(" ")).contains(idToken.getAuthenticationContextClass())) {
				acr = idToken.getAuthenticationContextClass();
			}
		}
		if (authTime == null && acr == null) {
			session.removeAttribute(SESSION_ATTRIBUTE);
			return;
		}
		session.setAttribute(SESSION_ATTRIBUTE, provider + " " + ((authTime != null) ? authTime.getEpochSecond() : "-")
				+ " " + ((acr != null) ? acr : "-"));
	}

	/**
	 * When the user last proved to the provider, by signing in again on request, that it
	 * is them.
	 * @param session the user's session, or {@code null}
	 * @param provider the provider the user is signed in with
	 * @return the {@code auth_time} of that login, or {@code null} when none proved it
	 */
	public static @Nullable Instant authenticatedAt(@Nullable HttpSession session, String provider) {
		String[] proof = proof(session, provider);
		return (proof != null && !"-".equals(proof[1])) ? Instant.ofEpochSecond(Long.parseLong(proof[1])) : null;
	}

	/**
	 * The authentication context class a login of this session asked for and got.
	 * @param session the user's session, or {@code null}
	 * @param provider the provider the user is signed in with
	 * @return the {@code acr}, or {@code null} when none was proved
	 */
	public static @Nullable String acr(@Nullable HttpSession session, String provider) {
		String[] proof = proof(session, provider);
		return (proof != null && !"-".equals(proof[2])) ? proof[2] : null;
	}

	private static String @Nullable [] proof(@Nullable HttpSession session, String provider) {
		if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof String recorded)) {
			return null;
		}
		String[] parts = recorded.split(" ", 3);
		if (parts.length != 3 || !parts[0].equals(provider)
				|| !(parts[1].equals("-") || parts[1].matches("[0-9]{1,12}"))) {
			return null;
		}
		return parts;
	}

}
