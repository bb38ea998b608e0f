package io.github.authstarter.session.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.SerializationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PlainJsonRedisSerializer}.
 */
class PlainJsonRedisSerializerTests {

	private final PlainJsonRedisSerializer serializer = new PlainJsonRedisSerializer();

	@Test
	void roundTripWhenScalarsThenSpringSessionsTypes() {
		assertThat(roundTrip("{\"v\":1,\"q\":\"a\\\"b\"}")).isEqualTo("{\"v\":1,\"q\":\"a\\\"b\"}");
		assertThat(roundTrip(1800)).isEqualTo(1800).isInstanceOf(Integer.class);
		assertThat(roundTrip(1763798400123L)).isEqualTo(1763798400123L).isInstanceOf(Long.class);
		assertThat(roundTrip(true)).isEqualTo(true);
		assertThat(this.serializer.serialize(null)).isNull();
		assertThat(this.serializer.deserialize(null)).isNull();
	}

	@Test
	void serializeWritesPlainJson() {
		assertThat(new String(this.serializer.serialize("x"), StandardCharsets.UTF_8)).isEqualTo("\"x\"");
		assertThat(new String(this.serializer.serialize(42L), StandardCharsets.UTF_8)).isEqualTo("42");
	}

	@Test
	void serializeWhenObjectThenClearRefusal() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.serialize(List.of("a")))
			.withMessageContaining("store such values as JSON text");
	}

	@Test
	void deserializeWhenJdkSerializedOrGarbageThenAbsent() {
		assertThat(this.serializer.deserialize(new byte[] { (byte) 0xac, (byte) 0xed, 0, 5 })).isNull();
		assertThat(this.serializer.deserialize("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isNull();
	}

	@Test
	void theCommonValuesReadWithoutTheParserReadAsTheParserReadsThem() {
		// the parser's reading of each, as it was before the short path
		assertThat(read("0")).isEqualTo(0);
		assertThat(read("-0")).isEqualTo(0);
		assertThat(read("-2147483648")).isEqualTo(Integer.MIN_VALUE).isInstanceOf(Integer.class);
		assertThat(read("2147483648")).isEqualTo(2147483648L).isInstanceOf(Long.class);
		assertThat(read("999999999999999999")).isEqualTo(999999999999999999L);
		assertThat(read("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
		assertThat(read("9223372036854775808")).as("too large for a long").isNull();
		assertThat(read("007")).as("not JSON").isNull();
		assertThat(read("-")).isNull();
		assertThat(read("1.5")).isNull();
		assertThat(read("true")).isEqualTo(Boolean.TRUE);
		assertThat(read("false")).isEqualTo(Boolean.FALSE);
		assertThat(read("tru")).isNull();
		assertThat(read("\"\"")).isEqualTo("");
		assertThat(read("\"plain text\"")).isEqualTo("plain text");
		assertThat(read("\"a\\\"b\"")).isEqualTo("a\"b");
		assertThat(read("\"caf\u00e9\"")).isEqualTo("caf\u00e9");
		assertThat(read("\"tab\\there\"")).isEqualTo("tab\there");
		assertThat(read("\"")).isNull();
		assertThat(read("\"a\"b\"")).isNull();
	}

	private Object read(String json) {
		return this.serializer.deserialize(json.getBytes(StandardCharsets.UTF_8));
	}

	private Object roundTrip(Object value) {
		return this.serializer.deserialize(this.serializer.serialize(value));
	}

	@Test
	void aLongTextReadAgainIsTheSameValueAndAChangedOneIsReadAnew() {
		PlainJsonRedisSerializer serializer = new PlainJsonRedisSerializer();
		String record = "{\"v\":2,\"name\":\"" + "x".repeat(400) + "\"}";
		byte[] stored = serializer.serialize(record);
		Object first = serializer.deserialize(stored);
		assertThat(first).isEqualTo(record);
		// the same bytes, read by another request
		assertThat(serializer.deserialize(stored.clone())).isSameAs(first);
		// the caller's array changing afterwards changes nothing remembered
		stored[10] = 'y';
		assertThat(serializer.deserialize(serializer.serialize(record))).isSameAs(first);
		String changed = record.replace("xxx", "yyy");
		assertThat(serializer.deserialize(serializer.serialize(changed))).isEqualTo(changed);
	}

}
