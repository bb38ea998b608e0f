package io.github.authstarter.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain JSON objects as maps of strings, numbers, booleans, lists and maps, written and
 * read with Jackson, and their members read by type. Every read of a member of another
 * type, or of text that is not a JSON object, throws {@link IllegalArgumentException}.
 */
public final class JsonObjects {

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private JsonObjects() {
	}

	/**
	 * Writes an object.
	 * @param json the object
	 * @return its JSON text
	 */
	public static String write(Map<String, ? extends @Nullable Object> json) {
		try {
			return JsonMapper.shared().writeValueAsString(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("cannot be written as JSON", ex);
		}
	}

	/**
	 * Reads an object.
	 * @param text the JSON text
	 * @return the object
	 * @throws IllegalArgumentException when the text is not a JSON object
	 */
	public static Map<String, Object> read(String text) {
		try {
			Map<String, Object> json = JsonMapper.shared().readValue(text, OBJECT);
			if (json == null) {
				throw new IllegalArgumentException("not a JSON object");
			}
			return json;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a JSON object", ex);
		}
	}

	/**
	 * A string member.
	 * @param json the object
	 * @param name the member
	 * @return its value, or {@code null} when absent
	 */
	public static @Nullable String string(Map<String, Object> json, String name) {
		return as(json, name, String.class);
	}

	/**
	 * A whole-number member.
	 * @param json the object
	 * @param name the member
	 * @return its value, or {@code null} when absent
	 */
	public static @Nullable Long whole(Map<String, Object> json, String name) {
		Number number = as(json, name, Number.class);
		if (number == null) {
			return null;
		}
		if (!(number instanceof Long || number instanceof Integer || number instanceof Short)
				&& !(number instanceof BigInteger big && big.bitLength() < Long.SIZE)) {
			// a fraction, or a number a long would silently cut
			throw new IllegalArgumentException("'" + name + "' is not a whole number of at most 64 bits");
		}
		return number.longValue();
	}

	/**
	 * An object member.
	 * @param json the object
	 * @param name the member
	 * @return its value, or {@code null} when absent
	 */
	@SuppressWarnings("unchecked")
	public static @Nullable Map<String, Object> object(Map<String, Object> json, String name) {
		return as(json, name, Map.class);
	}

	/**
	 * A member that is a list of strings.
	 * @param json the object
	 * @param name the member
	 * @return its value, or {@code null} when absent
	 */
	public static @Nullable List<String> strings(Map<String, Object> json, String name) {
		List<?> list = as(json, name, List.class);
		if (list == null) {
			return null;
		}
		List<String> strings = new ArrayList<>(list.size());
		for (Object value : list) {
			if (!(value instanceof String text)) {
				throw new IllegalArgumentException("'" + name + "' is not a list of strings");
			}
			strings.add(text);
		}
		return strings;
	}

	private static <T> @Nullable T as(Map<String, Object> json, String name, Class<T> type) {
		Object value = json.get(name);
		if (value == null) {
			return null;
		}
		if (!type.isInstance(value)) {
			throw new IllegalArgumentException("'" + name + "' is not a " + type.getSimpleName());
		}
		return type.cast(value);
	}

}
