package io.github.authstarter.session;

import java.net.URL;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts claims between Spring Security's Java values and plain JSON values: times
 * become epoch seconds, URLs strings; on the way back the standard time claims become
 * {@link Instant}s again so rebuilt tokens behave like the originals.
 */
final class ClaimValues {

	private static final Set<String> TIME_CLAIMS = Set.of("exp", "iat", "nbf", "auth_time", "updated_at");

	private ClaimValues() {
	}

	static Map<String, Object> toJson(Map<String, Object> claims) {
		Map<String, Object> json = new LinkedHashMap<>();
		claims.forEach((name, value) -> {
			Object converted = toJsonValue(value);
			if (converted != null) {
				json.put(name, converted);
			}
		});
		return json;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> fromJson(Map<String, Object> json) {
		Map<String, Object> claims = (Map<String, Object>) fromJsonValue(json);
		for (String name : TIME_CLAIMS) {
			if (claims.get(name) instanceof Number seconds) {
				claims.put(name, Instant.ofEpochSecond(seconds.longValue()));
			}
		}
		return claims;
	}

	/**
	 * JSON parsers may read whole numbers as doubles, or as ints when they fit; an id of
	 * 42 must stay 42, and a whole number a {@code Long} as when the token was decoded.
	 */
	private static Object fromJsonValue(Object value) {
		if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 9.0e15) {
			return number.longValue();
		}
		if (value instanceof Integer || value instanceof Short) {
			return ((Number) value).longValue();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> converted = new LinkedHashMap<>();
			map.forEach((key, nested) -> converted.put(String.valueOf(key), fromJsonValue(nested)));
			return converted;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(ClaimValues::fromJsonValue).toList();
		}
		return value;
	}

	private static Object toJsonValue(Object value) {
		if (value == null || value instanceof String || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Number number) {
			return (number instanceof Double || number instanceof Float) ? number.doubleValue() : number.longValue();
		}
		if (value instanceof Instant instant) {
			return instant.getEpochSecond();
		}
		if (value instanceof URL url) {
			return url.toExternalForm();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> json = new LinkedHashMap<>();
			map.forEach((key, nested) -> json.put(String.valueOf(key), toJsonValue(nested)));
			return json;
		}
		if (value instanceof Collection<?> collection) {
			return collection.stream().map(ClaimValues::toJsonValue).toList();
		}
		if (value instanceof Object[] array) {
			return List.of(array).stream().map(ClaimValues::toJsonValue).toList();
		}
		return value.toString();
	}

}
