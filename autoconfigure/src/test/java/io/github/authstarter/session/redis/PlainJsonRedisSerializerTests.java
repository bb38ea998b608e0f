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
