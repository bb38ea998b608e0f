package io.github.authstarter.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where in a provider's claims to find values, such as {@code roles},
 * {@code realm_access.roles} or {@code resource_access.my-app.roles}.
 * <p>
 * Syntax: segments separated by dots walk into nested JSON objects. A segment in double
 * quotes is one claim name even if it contains dots
 * ({@code "https://example.com/claims".roles}). A path that starts with {@code http://}
 * or {@code https://} is one top-level claim name as a whole, as Auth0's namespaced
 * claims are ({@code https://example.com/roles}).
 * <p>
 * The value found may be a JSON array or a string of values separated by spaces or
 * commas; anything else is one value.
 */
public final class ClaimPath {

	private final String text;

	private final List<String> segments;

	private ClaimPath(String text, List<String> segments) {
		this.text = text;
		this.segments = segments;
	}

	/**
	 * Parses a path.
	 * @param text the path
	 * @return the path
	 * @throws IllegalArgumentException saying what is wrong with it
	 */
	public static ClaimPath parse(String text) {
		String trimmed = text.trim();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("a claim path must not be empty");
		}
		if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
			return new ClaimPath(trimmed, List.of(trimmed));
		}
		List<String> segments = new ArrayList<>();
		int i = 0;
		while (i < trimmed.length()) {
			String segment;
			if (trimmed.charAt(i) == '"') {
				int end = trimmed.indexOf('"', i + 1);
				if (end < 0) {
					throw new IllegalArgumentException("claim path '" + text + "' has an unclosed quote");
				}
				segment = trimmed.substring(i + 1, end);
				i = end + 1;
				if (i < trimmed.length() && trimmed.charAt(i) != '.') {
					throw new IllegalArgumentException(
							"claim path '" + text + "' needs a dot after the quoted name at position " + i);
				}
			}
			else {
				int end = trimmed.indexOf('.', i);
				end = (end < 0) ? trimmed.length() : end;
				segment = trimmed.substring(i, end);
				i = end;
			}
			if (segment.isEmpty()) {
				throw new IllegalArgumentException("claim path '" + text + "' has an empty name between dots");
			}
			segments.add(segment);
			if (i < trimmed.length()) {
				i++;
				if (i == trimmed.length()) {
					throw new IllegalArgumentException("claim path '" + text + "' ends with a dot");
				}
			}
		}
		return new ClaimPath(trimmed, List.copyOf(segments));
	}

	/**
	 * The values at this path.
	 * @param claims the claims to look into
	 * @return the values, empty when the path leads nowhere
	 */
	public List<String> values(Map<String, ?> claims) {
		Object current = claims;
		for (String segment : this.segments) {
			if (!(current instanceof Map<?, ?> map)) {
				return List.of();
			}
			current = map.get(segment);
		}
		return flatten(current);
	}

	private static List<String> flatten(Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof Collection<?> collection) {
			List<String> values = new ArrayList<>();
			for (Object item : collection) {
				if (item != null && !(item instanceof Map<?, ?>) && !(item instanceof Collection<?>)) {
					String text = item.toString().trim();
					if (!text.isEmpty()) {
						values.add(text);
					}
				}
			}
			return values;
		}
		if (value instanceof String text) {
			return List.of(text.trim().split("[\\s,]+")).stream().filter((item) -> !item.isEmpty()).toList();
		}
		if (value instanceof Map<?, ?>) {
			return List.of();
		}
		return List.of(value.toString());
	}

	/**
	 * The path's segments.
	 * @return the claim names from the top
	 */
	List<String> segments() {
		return this.segments;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ClaimPath path) && path.segments.equals(this.segments);
	}

	@Override
	public int hashCode() {
		return this.segments.hashCode();
	}

	@Override
	public String toString() {
		return this.text;
	}

}
