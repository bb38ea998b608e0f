package io.github.authstarter.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.json.JsonObjects;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * What APIs asked of a session's sign-in, kept beside {@link StepUp}: the claims an API's
 * claims challenge asks the next login for, the claims recent logins asked for (so an API
 * that asks again for the same gets its 401 back instead of the same login again), and
 * how many step-ups APIs started lately, so that APIs asking for different things in turn
 * cannot send the user round the provider for ever.
 */
public final class ClaimsStepUps {

	/** The session attribute: {@code <provider> <claims JSON, base64url>}. */
	public static final String PENDING_ATTRIBUTE = "AUTH_STEP_UP_CLAIMS";

	/**
	 * The session attribute: {@code <provider> <SHA-256 of claims>@<epoch second>[,...]},
	 * the claims of the latest logins that asked for some, newest last, each forgotten
	 * after the window.
	 */
	public static final String ANSWERED_ATTRIBUTE = "AUTH_STEP_UP_CLAIMS_ANSWERED";

	/**
	 * The authorization request's attribute (kept in the flow record) and then the
	 * callback's request attribute: the claims the step-up asked for, before any
	 * configured claims were merged in.
	 */
	public static final String ASKED_ATTRIBUTE = "step_up_claims";

	/**
	 * The session attribute: {@code <provider> <epoch second of the first> <count>}, the
	 * step-ups APIs started in the current window.
	 */
	public static final String BUDGET_ATTRIBUTE = "AUTH_STEP_UP_BY_APIS";

	/** Step-ups APIs may start per window: more is a loop, not a user's need. */
	static final int MAX_PER_WINDOW = 3;

	static final Duration WINDOW = Duration.ofMinutes(10);

	private static final int MAX_ANSWERED = 4;

	private ClaimsStepUps() {
	}

	/**
	 * Records the claims an API asked for, for the next login with the provider.
	 * @param session the user's session
	 * @param provider the provider id
	 * @param claims the claims request, a JSON object
	 */
	static void request(HttpSession session, String provider, String claims) {
		session.setAttribute(PENDING_ATTRIBUTE, provider + " "
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Whether one of the latest logins with the provider already asked for exactly these
	 * claims.
	 * @param session the user's session, or {@code null}
	 * @param provider the provider id
	 * @param claims the claims an API asks for
	 * @return whether asking again would repeat such a login
	 */
	public static boolean answered(@Nullable HttpSession session, String provider, String claims) {
		return session != null && answered(session, provider, Instant.now()).containsKey(digest(claims));
	}

	/**
	 * Counts a step-up an API starts, unless the window's are used up.
	 * @param session the user's session
	 * @param provider the provider id
	 * @param now the time
	 * @return whether the step-up may start
	 */
	public static boolean spend(HttpSession session, String provider, Instant now) {
		long first = now.getEpochSecond();
		int count = 0;
		if (session.getAttribute(BUDGET_ATTRIBUTE) instanceof String recorded) {
			String[] parts = recorded.split(" ");
			if (parts.length == 3 && parts[0].equals(provider) && parts[1].matches("[0-9]{1,12}")
					&& parts[2].matches("[0-9]{1,3}")
					&& now.getEpochSecond() - Long.parseLong(parts[1]) < WINDOW.toSeconds()) {
				first = Long.parseLong(parts[1]);
				count = Integer.parseInt(parts[2]);
			}
		}
		if (count >= MAX_PER_WINDOW) {
			return false;
		}
		session.setAttribute(BUDGET_ATTRIBUTE, provider + " " + first + " " + (count + 1));
		return true;
	}

	/**
	 * The claims the next login with the provider is to ask for.
	 * @param session the user's session
	 * @param provider the provider id
	 * @return the claims request, or {@code null}
	 */
	static @Nullable String pending(HttpSession session, String provider) {
		if (!(session.getAttribute(PENDING_ATTRIBUTE) instanceof String recorded)
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

	/**
	 * Remembers the claims a successful login asked for, and forgets the pending demand
	 * when that login was its answer (not a login started before it).
	 * @param session the signed-in session
	 * @param provider the provider id
	 * @param requested the claims the login's authorization request carried, or
	 * {@code null}
	 */
	static void loginAsked(HttpSession session, String provider, @Nullable String requested) {
		if (requested == null) {
			return;
		}
		String pending = pending(session, provider);
		if (pending != null && digest(pending).equals(digest(requested))) {
			session.removeAttribute(PENDING_ATTRIBUTE);
		}
		Instant now = Instant.now();
		Map<String, Long> answered = answered(session, provider, now);
		answered.remove(digest(requested));
		answered.put(digest(requested), now.getEpochSecond());
		List<String> entries = new ArrayList<>();
		answered.forEach((digest, at) -> entries.add(digest + "@" + at));
		while (entries.size() > MAX_ANSWERED) {
			entries.remove(0);
		}
		session.setAttribute(ANSWERED_ATTRIBUTE, provider + " " + String.join(",", entries));
	}

	/**
	 * The claims of a login's parameters and of a step-up together, as one request: a
	 * claims request configured in {@code authorization-params} (Entra's {@code xms_cc}
	 * capability, say) must survive the API's.
	 * @param configured the configured claims request
	 * @param stepUp the step-up's
	 * @return both, merged member by member; the step-up's where both set the same value
	 */
	static String merge(String configured, String stepUp) {
		try {
			// escaped as the step-up's own were: a query string reads '+' as a space
			return JsonObjects.write(merged(JsonObjects.read(configured), JsonObjects.read(stepUp)))
				.replace("+", "\\u002b");
		}
		catch (IllegalArgumentException ex) {
			// a configured value that is no JSON object: the step-up's, which is
			return stepUp;
		}
	}

	private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> over) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		over.forEach((name, value) -> {
			if (merged.get(name) instanceof Map<?, ?> left && value instanceof Map<?, ?> right) {
				merged.put(name, merged(object(left), object(right)));
			}
			else {
				merged.put(name, value);
			}
		});
		return merged;
	}

	private static Map<String, Object> object(Map<?, ?> map) {
		Map<String, Object> object = new LinkedHashMap<>();
		map.forEach((name, value) -> object.put(String.valueOf(name), value));
		return object;
	}

	/** The answered claims' digests still within the window, oldest first. */
	private static Map<String, Long> answered(HttpSession session, String provider, Instant now) {
		Map<String, Long> answered = new LinkedHashMap<>();
		if (session.getAttribute(ANSWERED_ATTRIBUTE) instanceof String recorded
				&& recorded.startsWith(provider + " ")) {
			for (String entry : recorded.substring(provider.length() + 1).split(",")) {
				String[] parts = entry.split("@");
				if (parts.length == 2 && parts[1].matches("[0-9]{1,12}")
						&& now.getEpochSecond() - Long.parseLong(parts[1]) < WINDOW.toSeconds()) {
					answered.put(parts[0], Long.parseLong(parts[1]));
				}
			}
		}
		return answered;
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

}
