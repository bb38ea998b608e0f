package io.github.authstarter.session;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.json.JsonObjects;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClaimValues}.
 */
class ClaimValuesTests {

	@Test
	void aClaimNestedDeeperThanAnyRealOneIsLeftOutRatherThanFailingTheLogin() {
		Map<String, Object> deep = new LinkedHashMap<>();
		Map<String, Object> level = deep;
		for (int i = 0; i < 1000; i++) {
			Map<String, Object> next = new LinkedHashMap<>();
			level.put("n", next);
			level = next;
		}
		Map<String, Object> claims = Map.of("sub", "alice", "deep", deep);
		String json = JsonObjects.write(ClaimValues.toJson(claims));
		assertThat(JsonObjects.read(json)).containsEntry("sub", "alice");
	}

	@Test
	void aTimeClaimALongWouldCutMakesTheRecordUnreadable() {
		Map<String, Object> json = new LinkedHashMap<>(
				Map.of("sub", "alice", "exp", new BigInteger("1" + "0".repeat(30))));
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimValues.fromJson(json));
	}

}
