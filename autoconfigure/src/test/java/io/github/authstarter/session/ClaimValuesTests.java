package io.github.authstarter.session;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.json.JsonObjects;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
	void timeClaimsReadAsSpringReadsThemAndNeverWrapped() {
		BigInteger huge = new BigInteger("1" + "0".repeat(30));
		Map<String, Object> json = new LinkedHashMap<>(
				Map.of("sub", "alice", "updated_at", 1700000000.5, "exp", huge, "iat", 1700000000));
		Map<String, Object> claims = ClaimValues.fromJson(json);
		// RFC 7519 allows fractions, which Spring's converter drops too
		assertThat(claims.get("updated_at")).isEqualTo(Instant.ofEpochSecond(1700000000));
		assertThat(claims.get("iat")).isEqualTo(Instant.ofEpochSecond(1700000000));
		// no Instant holds it: it stays the number the provider sent, never a wrapped one
		assertThat(claims.get("exp")).isEqualTo(huge);
		assertThat(ClaimValues.toJson(Map.of("big", huge))).containsEntry("big", huge);
	}

	@Test
	void aTimeBeyondWhatAnInstantHoldsStaysTheNumberRatherThanMakingTheRecordUnreadable() {
		Map<String, Object> json = new LinkedHashMap<>(Map.of("exp", 40_000_000_000_000_000L, "nbf",
				new BigInteger("-40000000000000000"), "iat", 1700000000L));
		Map<String, Object> claims = ClaimValues.fromJson(json);
		assertThat(claims.get("exp")).isEqualTo(40_000_000_000_000_000L);
		assertThat(claims.get("nbf")).isEqualTo(new BigInteger("-40000000000000000"));
		assertThat(claims.get("iat")).isEqualTo(Instant.ofEpochSecond(1700000000));
	}

}
