package io.github.authstarter.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
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
 * context ({@code acr_values}) or claims ({@code claims}, OIDC Core 5.5), whatever
 * {@code forward-params} allows, and the callback checks the ID token for the first two.
 * Kept on the server, so no link can ask for a weaker one.
 */
public final class StepUp {

	/** The session attribute: {@code <provider> <max age seconds or -> <acr or ->}. */
	public static final String SESSION_ATTRIBUTE = "AUTH_STEP_UP";

	/** The session attribute: {@code <provider> <claims JSON, base64url>}. */
	public static final String CLAIMS_ATTRIBUTE = "AUTH_STEP_UP_CLAIMS";

	/**
	 * The session attribute: {@code <provider> <SHA-256 of the claims>} of the claims the
	 * last login asked for, so that an API that asks again for the same is not answered
	 * with the same login for ever.
	 */
	public static final String ANSWERED_CLAIMS_ATTRIBUTE = "AUTH_STEP_UP_CLAIMS_ANSWERED";

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
		session.setAttribute(SESSION_ATTRIBUTE,
				provider + " " + ((maxAge != null) ? maxAge.toSeconds() : "-") + " " + ((acr != null) ? acr : "-"));
		if (claims != null) {
			session.setAttribute(CLAIMS_ATTRIBUTE, provider + " "
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)));
		}
		else {
			session.removeAttribute(CLAIMS_ATTRIBUTE);
		}
	}

	/**
	 * Whether the last login with the provider already asked for exactly these claims.
	 * @param session the user's session, or {@code null}
	 * @param provider the provider id
	 * @param claims the claims an API asks for
	 * @return whether asking again would repeat that login
	 */
	public static boolean claimsAnswered(@Nullable HttpSession session, String provider, String claims) {
		return session != null
				&& (provider + " " + digest(claims)).equals(session.getAttribute(ANSWERED_CLAIMS_ATTRIBUTE));
	}

	/**
	 * Forgets the step-up of a provider once a login with it succeeded.
	 * @param session the signed-in session
	 * @param provider the provider id
	 */
	static void answered(HttpSession session, String provider) {
		if (session.getAttribute(SESSION_ATTRIBUTE) instanceof String recorded && recorded.startsWith(provider + " ")) {
			session.removeAttribute(SESSION_ATTRIBUTE);
		}
		String claims = claims(session, provider);
		if (claims != null) {
			session.setAttribute(ANSWERED_CLAIMS_ATTRIBUTE, provider + " " + digest(claims));
			session.removeAttribute(CLAIMS_ATTRIBUTE);
		}
		else {
			session.removeAttribute(ANSWERED_CLAIMS_ATTRIBUTE);
		}
	}

	private static @Nullable String claims(HttpSession session, String provider) {
		if (!(session.getAttribute(CLAIMS_ATTRIBUTE) instanceof String recorded)
				|| !recorded.startsWith(provider + " ")) {
			return null;
		}
		try {
			return new String(Base64.getUrlDecoder().decode(recorded.substring(provider.length() + 1)),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String digest(String claims) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(claims.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
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
		if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof String recorded)) {
			return Map.of();
		}
		String[] parts = recorded.split(" ", 3);
		if (parts.length != 3 || !parts[0].equals(provider)) {
			return Map.of();
		}
		// kept until a login answers it: a login started and abandoned (or one an
		// attacker starts without it) must not use it up
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("prompt", "login");
		if (!parts[1].equals("-")) {
			parameters.put("max_age", parts[1]);
		}
		if (!parts[2].equals("-")) {
			parameters.put("acr_values", parts[2]);
		}
		String claims = claims(session, provider);
		if (claims != null) {
			parameters.put("claims", claims);
		}
		return parameters;
	}

}
