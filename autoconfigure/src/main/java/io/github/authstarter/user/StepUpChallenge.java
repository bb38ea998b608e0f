package io.github.authstarter.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.authstarter.json.JsonObjects;
import org.jspecify.annotations.Nullable;

/**
 * What a resource server's {@code 401} asks of the user's sign-in, read from its
 * {@code WWW-Authenticate}: a stronger authentication (RFC 9470,
 * {@code error="insufficient_user_authentication"} with {@code acr_values} and/or
 * {@code max_age}) or more claims (Microsoft Entra's claims challenge,
 * {@code error="insufficient_claims"} with {@code claims}, a base64 JSON object of one
 * member, {@code access_token}, as for continuous access evaluation). The API is the
 * application's, but what it says goes to the provider: anything malformed, oversized or
 * asking for more than an access token's claims is no challenge at all.
 *
 * @param maxAge the longest time since the user authenticated, or {@code null}
 * @param acrValues the acceptable authentication context classes, space-separated, or
 * {@code null}
 * @param claims the claims to request (a JSON object, OIDC Core 5.5), or {@code null}
 */
record StepUpChallenge(@Nullable Duration maxAge, @Nullable String acrValues, @Nullable String claims) {

	private static final int MAX_HEADER = 8192;

	private static final int MAX_CLAIMS = 4096;

	private static final int MAX_PARAMETERS = 32;

	/**
	 * RFC 6749's NQCHAR without space, {@code "}, backslash and {@code +} (which a query
	 * string would read as a space): one acr value; {@code -} alone is no value.
	 */
	private static final String ACR_VALUE = "(?!-(?: |$))[\\x21\\x23-\\x2A\\x2C-\\x5B\\x5D-\\x7E]{1,128}";

	private static final Pattern ACR_VALUES = Pattern.compile(ACR_VALUE + "(?: " + ACR_VALUE + "){0,9}");

	private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,9}");

	/**
	 * Reads the challenge of a {@code 401}.
	 * @param headers the values of its {@code WWW-Authenticate} headers
	 * @return the step-up asked for, or {@code null} when it asks for none (or for one
	 * that cannot be read)
	 */
	static @Nullable StepUpChallenge from(List<String> headers) {
		for (String header : headers) {
			if (header.length() > MAX_HEADER) {
				continue;
			}
			for (Map<String, String> challenge : challenges(header)) {
				StepUpChallenge stepUp = of(challenge);
				if (stepUp != null) {
					return stepUp;
				}
			}
		}
		return null;
	}

	/**
	 * Whether a challenge names a step-up error, readable or not: such a refusal is not
	 * answered with a new token, which would be refused the same way.
	 * @param headers the values of the {@code WWW-Authenticate} headers
	 * @return whether a {@code Bearer} or {@code DPoP} challenge has
	 * {@code error="insufficient_user_authentication"} or
	 * {@code error="insufficient_claims"}
	 */
	static boolean named(List<String> headers) {
		for (String header : headers) {
			if (header.length() > MAX_HEADER) {
				continue;
			}
			for (Map<String, String> challenge : challenges(header)) {
				String scheme = challenge.get("");
				String error = challenge.get("error");
				if (("bearer".equals(scheme) || "dpop".equals(scheme))
						&& ("insufficient_user_authentication".equals(error) || "insufficient_claims".equals(error))) {
					return true;
				}
			}
		}
		return false;
	}

	private static @Nullable StepUpChallenge of(Map<String, String> challenge) {
		String scheme = challenge.get("");
		if (!"bearer".equals(scheme) && !"dpop".equals(scheme)) {
			return null;
		}
		String error = challenge.get("error");
		if ("insufficient_user_authentication".equals(error)) {
			String acr = challenge.get("acr_values");
			String maxAge = challenge.get("max_age");
			boolean acrValid = acr != null && ACR_VALUES.matcher(acr).matches();
			boolean maxAgeValid = maxAge != null && MAX_AGE.matcher(maxAge).matches();
			if ((acr != null && !acrValid) || (maxAge != null && !maxAgeValid) || (!acrValid && !maxAgeValid)) {
				// nothing a login could be asked for, or something no login should be
				return null;
			}
			return new StepUpChallenge(maxAgeValid ? Duration.ofSeconds(Long.parseLong(maxAge)) : null,
					acrValid ? acr : null, null);
		}
		String encoded = challenge.get("claims");
		if ("insufficient_claims".equals(error) && encoded != null) {
			String claims = claims(encoded);
			return (claims != null) ? new StepUpChallenge(null, null, claims) : null;
		}
		return null;
	}

	/** The claims, as a compact JSON object, or {@code null} when they are not one. */
	private static @Nullable String claims(String encoded) {
		if (encoded.length() > MAX_CLAIMS * 2) {
			return null;
		}
		byte[] decoded;
		try {
			// Entra sends standard base64 with padding; base64url is accepted too
			decoded = Base64.getDecoder().decode(encoded.replace('-', '+').replace('_', '/'));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (decoded.length == 0 || decoded.length > MAX_CLAIMS) {
			return null;
		}
		try {
			Map<String, Object> json = JsonObjects.read(new String(decoded, StandardCharsets.UTF_8));
			// what an API may ask of a token, and no more: the ID token's and user
			// info's claims feed the user's authorities
			if (json.size() != 1 || !(json.get("access_token") instanceof Map<?, ?> members) || members.isEmpty()) {
				return null;
			}
			// a '+' would reach the provider as a space in a query string: escaped, it
			// is the same JSON
			String claims = JsonObjects.write(json).replace("+", "\\u002b");
			return (claims.length() <= MAX_CLAIMS) ? claims : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The challenges of one header value (RFC 9110 section 11.6.1), each as its
	 * parameters by lower-case name, with its lower-case scheme under {@code ""}.
	 */
	private static List<Map<String, String>> challenges(String header) {
		List<Map<String, String>> challenges = new ArrayList<>();
		Map<String, String> current = null;
		int at = 0;
		int parameters = 0;
		while (at < header.length() && parameters++ < MAX_PARAMETERS) {
			at = skip(header, at, " \t,");
			int end = at;
			while (end < header.length() && " \t,=".indexOf(header.charAt(end)) < 0) {
				end++;
			}
			if (end == at) {
				break;
			}
			String token = header.substring(at, end).toLowerCase(Locale.ROOT);
			int next = skip(header, end, " \t");
			if (next < header.length() && header.charAt(next) == '=' && current != null) {
				at = skip(header, next + 1, " \t");
				StringBuilder value = new StringBuilder();
				at = value(header, at, value);
				current.putIfAbsent(token, value.toString());
			}
			else if (next < header.length() && header.charAt(next) == '=') {
				// a parameter before any scheme: not a challenge
				return challenges;
			}
			else {
				current = new LinkedHashMap<>();
				current.put("", token);
				challenges.add(current);
				at = end;
			}
		}
		return challenges;
	}

	/**
	 * Reads a token or a quoted string into {@code value}; returns the index after it.
	 */
	private static int value(String header, int at, StringBuilder value) {
		if (at < header.length() && header.charAt(at) == '"') {
			int i = at + 1;
			while (i < header.length() && header.charAt(i) != '"') {
				if (header.charAt(i) == '\\' && i + 1 < header.length()) {
					i++;
				}
				value.append(header.charAt(i));
				i++;
			}
			return Math.min(i + 1, header.length());
		}
		int i = at;
		while (i < header.length() && " \t,".indexOf(header.charAt(i)) < 0) {
			value.append(header.charAt(i));
			i++;
		}
		return i;
	}

	private static int skip(String header, int at, String characters) {
		int i = at;
		while (i < header.length() && characters.indexOf(header.charAt(i)) >= 0) {
			i++;
		}
		return i;
	}

}
