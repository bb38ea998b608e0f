package io.github.authstarter.access;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClaimsAuthoritiesMapper}.
 */
class ClaimsAuthoritiesMapperTests {

	private static final ProviderClaims CLAIMS = new ProviderClaims(Map.of("roles", List.of("admins", "0f1e")),
			Map.of("groups", List.of("staff")), Map.of("realm_access", Map.of("roles", List.of("auditors"))),
			Set.of("openid", "email"));

	@Test
	void readsEachPathFromEachSourceMapsThenPrefixes() {
		AuthorityRules rules = new AuthorityRules(
				List.of(ClaimPath.parse("roles"), ClaimPath.parse("groups"), ClaimPath.parse("realm_access.roles")),
				List.of(AuthoritySource.ID_TOKEN, AuthoritySource.ACCESS_TOKEN), "ROLE_", Map.of("0f1e", "readers"),
				List.of("USER"), false);
		assertThat(new ClaimsAuthoritiesMapper(Map.of("corp", rules)).authorities("corp", CLAIMS))
			.containsExactlyInAnyOrder("USER", "ROLE_admins", "ROLE_readers", "ROLE_auditors");
	}

	@Test
	void userInfoAndScopesOnlyWhenAskedFor() {
		AuthorityRules rules = new AuthorityRules(List.of(ClaimPath.parse("groups")), List.of(AuthoritySource.USERINFO),
				"GROUP_", Map.of(), List.of(), true);
		assertThat(new ClaimsAuthoritiesMapper(Map.of("corp", rules)).authorities("corp", CLAIMS))
			.containsExactlyInAnyOrder("GROUP_staff", "SCOPE_openid", "SCOPE_email");
	}

	@Test
	void aProviderWithoutRulesGetsNothing() {
		assertThat(new ClaimsAuthoritiesMapper(Map.of()).authorities("other", CLAIMS)).isEmpty();
	}

}
