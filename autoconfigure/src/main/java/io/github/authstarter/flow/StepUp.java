package io.github.authstarter.flow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * A step-up a request asked for ({@code currentUser.requireRecentLogin},
 * {@code requireAcr}, or an API's challenge), kept in the user's session until a login
 * with that provider succeeds: every login start for it until then asks the provider for
 * a fresh authentication ({@code prompt=login}, {@code max_age}), an authentication
 * context ({@code acr_values}) or claims ({@code claims}, OIDC Core 5.5, kept by
 * {@link ClaimsStepUps}), whatever {@code forward-params} says, and the callback checks
 * the ID token for the first two. Kept on the server, so no link can ask for a weaker
 * one.
 */
public final class StepUp {

	/** The session attribute: {@code <provider> <max age seconds or -> <acr or ->}. */
	public static final String SESSION_ATTRIBUTE = "AUTH_STEP_UP";

	private StepUp() {
	}

	/**
	 * Records a step-up for the next login with the provider.
	 * @param session the user's session
	 * @param provider the provider id
	 * @param maxAge the longest time since the user authenticated, or {@code null}
	 * @param acr the authentication context class required, or {@code null}
	 */
	public static void request(HttpSession session, String provider, @Nullable Duration maxAge, @Nullable String acr) {
		request(session, provider, maxAge, acr, null);
	}

	/**
	 * Records a step-up for the next login with the provider.
	 * @param session the user's session
	 * @param provider the provider id
	 * @param maxAge the longest time since the user authenticated, or {@code null}
	 * @param acr the authentication context classes required (space-separated), or
	 * {@code null}
	 * @param claims the claims to request (a JSON object), or {@code null}
	 */
	public static void request(HttpSession session, String provider, @Nullable Duration maxAge, @Nullable String acr,
			@Nullable String claims) {
		if (maxAge != null || acr != null) {
			session.setAttribute(SESSION_ATTRIBUTE,
					provider + " " + ((maxAge != null) ? maxAge.toSeconds() : "-") + " " + ((acr != null) ? acr : "-"));
		}
		if (claims != null) {
			ClaimsStepUps.request(session, provider, claims);
		}
	}

	/**
	 * Forgets the step-up of a provider once a login with it succeeded, and the claims
	 * demand that login asked for.
	 * @param session the signed-in session
	 * @param provider the provider id
	 * @param requestedClaims the claims the login's authorization request asked for, or
	 * {@code null}
	 */
	static void answered(HttpSession session, String provider, @Nullable String requestedClaims) {
		if (session.getAttribute(SESSION_ATTRIBUTE) instanceof String recorded && recorded.startsWith(provider + " ")) {
			session.removeAttribute(SESSION_ATTRIBUTE);
		}
		ClaimsStepUps.loginAsked(session, provider, requestedClaims);
	}

	/**
	 * Takes the step-up recorded for a provider, if any, as the parameters its login
	 * sends.
	 * @param request the login start
	 * @param provider the provider id
	 * @return the parameters ({@code prompt}, {@code max_age}, {@code acr_values},
	 * {@code claims}), empty when none was asked for
	 */
	static Map<String, String> take(HttpServletRequest request, String provider) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return Map.of();
		}
		// kept until a login answers it: a login started and abandoned (or one an
		// attacker starts without it) must not use it up
		Map<String, String> parameters = new LinkedHashMap<>();
		String[] parts = (session.getAttribute(SESSION_ATTRIBUTE) instanceof String recorded) ? recorded.split(" ", 3)
				: new String[0];
		if (parts.length == 3 && parts[0].equals(provider)) {
			parameters.put("prompt", "login");
			if (!parts[1].equals("-")) {
				parameters.put("max_age", parts[1]);
			}
			if (!parts[2].equals("-")) {
				parameters.put("acr_values", parts[2]);
			}
		}
		// claims alone need no new authentication: the provider asks for what they need
		String claims = ClaimsStepUps.pending(session, provider);
		if (claims != null) {
			parameters.put("claims", claims);
		}
		return parameters;
	}

}
