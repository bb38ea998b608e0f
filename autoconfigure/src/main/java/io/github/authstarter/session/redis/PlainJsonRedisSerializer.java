package io.github.authstarter.session.redis;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * Writes session attribute values as plain JSON scalars (strings, numbers, booleans)
 * instead of JDK serialization, so the session hash in Redis carries no Java class names
 * and reading it can never instantiate a class. Whole numbers that fit an {@code int}
 * come back as {@link Integer} and larger ones as {@link Long}, which is what Spring
 * Session's own fields expect. Other types are refused with a message saying what to
 * store instead.
 */
public final class PlainJsonRedisSerializer implements RedisSerializer<Object> {

	/** Values at least this long are remembered once read. */
	private static final int REMEMBERED_LENGTH = 256;

	private static final int REMEMBERED_VALUES = 1024;

	private static final int SEED = new SecureRandom().nextInt();

	private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

	/**
	 * Long text values read recently (the session record above all), by their bytes: a
	 * signed-in request reads the same record request after request, and unescaping a
	 * JSON string of a few kilobytes costs more than comparing its bytes. Only strings,
	 * which cannot change, are kept.
	 */
	private final Map<Bytes, String> remembered = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Bytes, String> eldest) {
			return size() > REMEMBERED_VALUES;
		}

	});

	@Override
	public byte @Nullable [] serialize(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
				|| value instanceof Short) {
			return JsonMapper.shared().writeValueAsBytes(value);
		}
		throw new SerializationException("Session attribute values must be strings, whole numbers or booleans, not "
				+ value.getClass().getSimpleName() + ": store such values as JSON text");
	}

	@Override
	public @Nullable Object deserialize(byte @Nullable [] bytes) {
		if (bytes == null || bytes.length == 0) {
			return null;
		}
		boolean remember = bytes.length >= REMEMBERED_LENGTH;
		String known = remember ? this.remembered.get(new Bytes(bytes)) : null;
		if (known != null) {
			return known;
		}
		Object value = parse(bytes);
		if (remember && value instanceof String text) {
			// a copy: the caller's array is not the key's to keep
			this.remembered.put(new Bytes(bytes.clone()), text);
		}
		return value;
	}

	private static @Nullable Object parse(byte[] bytes) {
		Object plain = plain(bytes);
		if (plain != null) {
			return plain;
		}
		try {
			JsonNode value = JsonMapper.shared().readTree(bytes);
			if (value.isString()) {
				return value.stringValue();
			}
			if (value.isBoolean()) {
				return value.booleanValue();
			}
			if (value.isIntegralNumber() && value.canConvertToLong()) {
				long whole = value.longValue();
				return (whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE) ? (Object) (int) whole : whole;
			}
			return null;
		}
		catch (JacksonException ex) {
			// an unreadable value (another serializer's, say) reads as absent, so the
			// session is discarded instead of failing every request that carries it
			return null;
		}
	}

	/**
	 * What most values are, read without a parser: a whole number of up to 18 digits, a
	 * boolean, a string of printable ASCII without escapes. Anything else is
	 * {@code null}, for the parser.
	 */
	private static @Nullable Object plain(byte[] bytes) {
		int length = bytes.length;
		if (length >= 2 && bytes[0] == '"' && bytes[length - 1] == '"') {
			for (int i = 1; i < length - 1; i++) {
				byte b = bytes[i];
				if (b < 0x20 || b > 0x7e || b == '\\' || b == '"') {
					return null;
				}
			}
			return new String(bytes, 1, length - 2, StandardCharsets.US_ASCII);
		}
		int start = (bytes[0] == '-') ? 1 : 0;
		if (length > start && length - start <= 18) {
			long whole = 0;
			for (int i = start; i < length; i++) {
				byte b = bytes[i];
				if (b < '0' || b > '9' || (b == '0' && i == start && length - start > 1)) {
					return null;
				}
				whole = whole * 10 + (b - '0');
			}
			whole = (start == 1) ? -whole : whole;
			return (whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE) ? (Object) (int) whole : whole;
		}
		if (Arrays.equals(bytes, TRUE)) {
			return Boolean.TRUE;
		}
		return Arrays.equals(bytes, FALSE) ? Boolean.FALSE : null;
	}

	/** Bytes compared by content. */
	private record Bytes(byte[] value) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Bytes that && Arrays.equals(this.value, that.value);
		}

		/**
		 * Every 16th byte and the length: records of a few kilobytes differ in many
		 * places (their tokens), and equality still compares every byte.
		 */
		@Override
		public int hashCode() {
			int hash = SEED ^ this.value.length;
			for (int i = 0; i < this.value.length; i += 16) {
				hash = 31 * hash + this.value[i];
			}
			return hash;
		}

	}

}
