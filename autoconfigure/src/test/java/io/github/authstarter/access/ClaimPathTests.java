package io.github.authstarter.access;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClaimPath}.
 */
class ClaimPathTests {

	private static final Map<String, Object> CLAIMS = Map.of("roles", List.of("admins", "users"), "realm_access",
			Map.of("roles", List.of("auditors")), "resource_access",
			Map.of("my.app", Map.of("roles", List.of("editors"))), "https://example.com/roles", "a, b c", "groups",
			"staff", "level", 3, "nested", Map.of("objects", List.of(Map.of("x", 1), "kept")));

	@Test
	void topLevelArray() {
		assertThat(ClaimPath.parse("roles").values(CLAIMS)).containsExactly("admins", "users");
	}

	@Test
	void dotsWalkIntoNestedObjects() {
		assertThat(ClaimPath.parse("realm_access.roles").values(CLAIMS)).containsExactly("auditors");
	}

	@Test
	void aQuotedNameMayContainDots() {
		assertThat(ClaimPath.parse("resource_access.\"my.app\".roles").values(CLAIMS)).containsExactly("editors");
		assertThat(ClaimPath.parse("resource_access.my.app.roles").values(CLAIMS)).isEmpty();
	}

	@Test
	void aUrlIsOneClaimNameAndAStringIsSplitOnSpacesAndCommas() {
		assertThat(ClaimPath.parse("https://example.com/roles").values(CLAIMS)).containsExactly("a", "b", "c");
		assertThat(ClaimPath.parse("\"https://example.com/roles\"").values(CLAIMS)).containsExactly("a", "b", "c");
	}

	@Test
	void scalarsAreOneValueAndObjectsNone() {
		assertThat(ClaimPath.parse("groups").values(CLAIMS)).containsExactly("staff");
		assertThat(ClaimPath.parse("level").values(CLAIMS)).containsExactly("3");
		assertThat(ClaimPath.parse("realm_access").values(CLAIMS)).isEmpty();
		assertThat(ClaimPath.parse("nested.objects").values(CLAIMS)).containsExactly("kept");
	}

	@Test
	void aPathThatLeadsNowhereHasNoValues() {
		assertThat(ClaimPath.parse("missing.roles").values(CLAIMS)).isEmpty();
		assertThat(ClaimPath.parse("groups.deeper").values(CLAIMS)).isEmpty();
	}

	@Test
	void malformedPathsSayWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse(" ")).withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse("a..b"))
			.withMessageContaining("empty name");
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse("a."))
			.withMessageContaining("ends with a dot");
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse("\"a.b"))
			.withMessageContaining("unclosed quote");
		assertThatIllegalArgumentException().isThrownBy(() -> ClaimPath.parse("\"a\"b"))
			.withMessageContaining("needs a dot");
	}

}
