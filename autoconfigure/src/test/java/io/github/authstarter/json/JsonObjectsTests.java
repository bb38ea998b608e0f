package io.github.authstarter.json;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JsonObjects}: what Redis holds is read strictly, never cut or guessed.
 */
class JsonObjectsTests {

	@Test
	void wholeNumbersReadBackAsTheyWereWritten() {
		Map<String, Object> json = JsonObjects.read(JsonObjects.write(Map.of("small", 42, "large", 1L << 40)));
		assertThat(JsonObjects.whole(json, "small")).isEqualTo(42L);
		assertThat(JsonObjects.whole(json, "large")).isEqualTo(1L << 40);
		assertThat(JsonObjects.whole(json, "absent")).isNull();
	}

	@Test
	void aNumberALongWouldCutOrAFractionIsRefused() {
		Map<String, Object> json = JsonObjects.read("{\"huge\":18446744073709551617,\"half\":1.5}");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonObjects.whole(json, "huge"));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonObjects.whole(json, "half"));
	}

	@Test
	void aMemberOfAnotherTypeOrTextThatIsNoObjectIsRefused() {
		Map<String, Object> json = JsonObjects.read("{\"name\":7,\"list\":[\"a\",1]}");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonObjects.string(json, "name"));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonObjects.strings(json, "list"));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonObjects.object(json, "name"));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonObjects.read("[1]"));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonObjects.read("{\"a\":"));
	}

}
