package io.github.authstarter.flow;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Decides where a user may be sent after login: only a path on this application, so the
 * {@code redirect} parameter cannot become an open redirect.
 */
public final class RedirectTarget {

	private static final int MAX_LENGTH = 2048;

	private RedirectTarget() {
	}

	/**
	 * Returns {@code requested} when it is a safe same-origin path, else the fallback.
	 * @param requested the requested target, possibly hostile
	 * @param fallback the target to use instead
	 * @return a safe target
	 */
	public static String safeOr(@Nullable String requested, String fallback) {
		return isSafe(requested) ? requested : fallback;
	}

	/**
	 * Whether {@code target} is a path on this application. Rejects absolute and
	 * scheme-relative URLs, backslashes (browsers read {@code /\evil} as {@code //evil}),
	 * control characters, and anything that becomes one of those once percent-decoded.
	 * @param target the target
	 * @return whether it is safe to redirect to
	 */
	public static boolean isSafe(@Nullable String target) {
		if (target == null || target.isEmpty() || target.length() > MAX_LENGTH) {
			return false;
		}
		String decoded = target;
		for (int i = 0; i < 3; i++) {
			if (!isSafePath(decoded)) {
				return false;
			}
			String next = decode(decoded);
			if (next == null) {
				return false;
			}
			if (next.equals(decoded)) {
				return true;
			}
			decoded = next;
		}
		return false;
	}

	private static boolean isSafePath(String path) {
		if (!path.startsWith("/") || path.startsWith("//")) {
			return false;
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '\\' || c < 0x20 || c == 0x7f) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable String decode(String path) {
		try {
			return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
