package io.github.authstarter.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link UserAccess}: mapper, the application's mapper, policies in order.
 */
class UserAccessTests {

	private static final AuthorityRules GROUPS = new AuthorityRules(List.of(ClaimPath.parse("groups")),
			List.of(AuthoritySource.ID_TOKEN), "ROLE_", Map.of(), List.of(), false);

	@Test
	void theApplicationsGrantedAuthoritiesMapperSeesTheMappedAuthorities() {
		GrantedAuthoritiesMapper upperCase = (authorities) -> authorities.stream()
			.map((authority) -> new SimpleGrantedAuthority(authority.getAuthority().toUpperCase()))
			.toList();
		UserAccess access = access(upperCase, List.of());
		assertThat(access.authorize("corp", claims(Map.of("groups", List.of("staff")))))
			.containsExactlyInAnyOrder("OIDC_USER", "ROLE_STAFF");
	}

	@Test
	void policiesRunInOrderAndTheFirstRefusalWins() {
		List<String> asked = new ArrayList<>();
		SignInPolicy first = (provider, claims, authorities) -> {
			asked.add("first");
			return authorities.contains("ROLE_staff") ? SignInDecision.allow()
					: SignInDecision.deny("not_staff", "Staff only.");
		};
		SignInPolicy second = (provider, claims, authorities) -> {
			asked.add("second");
			return SignInDecision.deny("closed", "Closed today.");
		};
		UserAccess access = access(null, List.of(first, second));
		assertThatExceptionOfType(SignInRefusedException.class)
			.isThrownBy(() -> access.authorize("corp", claims(Map.of("groups", "guests"))))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("not_staff"))
			.satisfies((ex) -> assertThat(ex.userMessage()).isEqualTo("Staff only."));
		assertThat(asked).containsExactly("first");
		assertThatExceptionOfType(SignInRefusedException.class)
			.isThrownBy(() -> access.authorize("corp", claims(Map.of("groups", "staff"))))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("closed"));
	}

	@Test
	void entraGroupOverageRefusesInsteadOfGrantingTooLittle() {
		UserAccess access = access(null, List.of());
		assertThatExceptionOfType(SignInRefusedException.class)
			.isThrownBy(() -> access.authorize("corp",
					claims(Map.of("_claim_names", Map.of("groups", "src1"), "_claim_sources", Map.of()))))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("groups_overage"));
		assertThatExceptionOfType(SignInRefusedException.class)
			.isThrownBy(() -> access.authorize("corp", claims(Map.of("hasgroups", true))));
		assertThat(access.authorize("corp", claims(Map.of("groups", "staff")))).contains("ROLE_staff");
	}

	@Test
	void aPlainOAuth2UserIsMarkedAsSuch() {
		UserAccess access = access(null, List.of());
		assertThat(access.authorize("corp", new ProviderClaims(Map.of(), Map.of("id", 1), Map.of(), Set.of())))
			.containsExactly("OAUTH2_USER");
	}

	@Test
	void aRefusalNeedsAReasonFitForLogsAndMetrics() {
		assertThatIllegalArgumentException().isThrownBy(() -> SignInDecision.deny("Not Allowed\n", "x"));
	}

	private static ProviderClaims claims(Map<String, Object> idToken) {
		return new ProviderClaims(idToken, Map.of(), Map.of(), Set.of("openid"));
	}

	private static UserAccess access(GrantedAuthoritiesMapper granted, List<SignInPolicy> policies) {
		ProviderKeySets keySets = new ProviderKeySets(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)),
				(id) -> Duration.ofSeconds(30));
		return new UserAccess(new ClaimsAuthoritiesMapper(Map.of("corp", GROUPS)), granted, policies,
				Map.of("corp", GROUPS), new AccessTokenClaims(keySets));
	}

}
