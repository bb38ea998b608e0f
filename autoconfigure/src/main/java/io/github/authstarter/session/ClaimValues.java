package io.github.authstarter.session;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Converts claims between Spring Security's Java values and plain JSON values: times
 * become epoch seconds, URLs strings; on the way back the standard time claims become
 * {@link Instant}s again so rebuilt tokens behave like the originals.
 */
final class ClaimValues {

	private static final int MAX_DEPTH = 64;

	private static final Set<String> TIME_CLAIMS = Set.of("exp", "iat", "nbf", "auth_time", "updated_at");

	/** Beyond this many seconds from the epoch an {@code Instant} overflows. */
	private static final long MAX_SECONDS = 9_000_000_000_000_000L;

	private ClaimValues() {
	}

	static Map<String, Object> toJson(Map<String, Object> claims) {
		Map<String, Object> json = new LinkedHashMap<>();
		claims.forEach((name, value) -> {
			Object converted = toJsonValue(value, 0);
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
			if (claims.get(name) instanceof Number number) {
				Long seconds = epochSeconds(number);
				// a time no Instant holds stays the number the provider sent
				if (seconds != null) {
					claims.put(name, Instant.ofEpochSecond(seconds));
				}
			}
		}
		return claims;
	}

	/**
	 * Seconds as Spring Security's own converter reads them (RFC 7519 allows fractions,
	 * which are cut toward zero), or {@code null} for a number no {@code Instant} holds
	 * (beyond about 285 million years either way).
	 */
	private static @Nullable Long epochSeconds(Number number) {
		if (number instanceof BigInteger big) {
			return (big.bitLength() < Long.SIZE) ? within(big.longValue()) : null;
		}
		if (number instanceof Double || number instanceof Float || number instanceof BigDecimal) {
			double value = number.doubleValue();
			return (Double.isFinite(value) && Math.abs(value) < 9.0e15) ? (long) value : null;
		}
		return within(number.longValue());
	}

	private static @Nullable Long within(long seconds) {
		return (seconds > -MAX_SECONDS && seconds < MAX_SECONDS) ? seconds : null;
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

	/**
	 * A claim nested deeper than any real one (a provider's claims are a few levels deep)
	 * is left out: the JSON writer refuses such depths, and a login must not fail on
	 * them.
	 */
	private static @Nullable Object toJsonValue(@Nullable Object value, int depth) {
		if (depth > MAX_DEPTH) {
			return null;
		}
		if (value == null || value instanceof String || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Number number) {
			if (number instanceof BigInteger || number instanceof BigDecimal) {
				// written exactly: a long would wrap them, a double round them
				return number;
			}
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
			map.forEach((key, nested) -> json.put(String.valueOf(key), toJsonValue(nested, depth + 1)));
			return json;
		}
		if (value instanceof Collection<?> collection) {
			return collection.stream().map((element) -> toJsonValue(element, depth + 1)).toList();
		}
		if (value instanceof Object[] array) {
			return Arrays.stream(array).map((element) -> toJsonValue(element, depth + 1)).toList();
		}
		return value.toString();
	}

}
