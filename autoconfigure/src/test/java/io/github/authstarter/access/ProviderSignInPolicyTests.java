package io.github.authstarter.access;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProviderSignInPolicy}: each rule allowing and refusing.
 */
class ProviderSignInPolicyTests {

	@Test
	void tenants() {
		SignInRules rules = new SignInRules(List.of("tenant-a"), null, true, List.of(), List.of(), "ROLE_");
		assertThat(check(rules, Map.of("tid", "tenant-a"), Set.of()).allowed()).isTrue();
		assertThat(check(rules, Map.of("tid", "tenant-b"), Set.of()).reason()).isEqualTo("tenant_not_allowed");
		assertThat(check(rules, Map.of(), Set.of()).reason()).isEqualTo("tenant_not_allowed");
	}

	@Test
	void hostedDomain() {
		SignInRules rules = new SignInRules(List.of(), "example.com", true, List.of(), List.of(), "ROLE_");
		assertThat(check(rules, Map.of("hd", "Example.com"), Set.of()).allowed()).isTrue();
		assertThat(check(rules, Map.of("hd", "other.org"), Set.of()).reason()).isEqualTo("hosted_domain_mismatch");
		assertThat(check(rules, Map.of(), Set.of()).reason()).isEqualTo("hosted_domain_mismatch");
	}

	@Test
	void verifiedEmailOnlyWhenTheClaimSaysFalse() {
		assertThat(check(SignInRules.DEFAULT, Map.of("email_verified", false), Set.of()).reason())
			.isEqualTo("email_not_verified");
		assertThat(check(SignInRules.DEFAULT, Map.of("email_verified", "false"), Set.of()).reason())
			.isEqualTo("email_not_verified");
		assertThat(check(SignInRules.DEFAULT, Map.of(), Set.of()).allowed()).isTrue();
		SignInRules lenient = new SignInRules(List.of(), null, false, List.of(), List.of(), "ROLE_");
		assertThat(check(lenient, Map.of("email_verified", false), Set.of()).allowed()).isTrue();
	}

	@Test
	void emailDomains() {
		SignInRules rules = new SignInRules(List.of(), null, true, List.of("example.com"), List.of(), "ROLE_");
		assertThat(check(rules, Map.of("email", "a@EXAMPLE.com"), Set.of()).allowed()).isTrue();
		assertThat(check(rules, Map.of("email", "a@sub.example.com"), Set.of()).reason())
			.isEqualTo("email_domain_not_allowed");
		assertThat(check(rules, Map.of("email", "a@example.com.evil.org"), Set.of()).reason())
			.isEqualTo("email_domain_not_allowed");
		assertThat(check(rules, Map.of(), Set.of()).reason()).isEqualTo("email_domain_not_allowed");
	}

	@Test
	void requiredAuthoritiesWithOrWithoutThePrefix() {
		SignInRules rules = new SignInRules(List.of(), null, true, List.of(), List.of("staff", "SCOPE_admin"), "ROLE_");
		assertThat(check(rules, Map.of(), Set.of("ROLE_staff")).allowed()).isTrue();
		assertThat(check(rules, Map.of(), Set.of("SCOPE_admin")).allowed()).isTrue();
		assertThat(check(rules, Map.of(), Set.of("ROLE_guests")).reason()).isEqualTo("missing_required_authority");
	}

	private static SignInDecision check(SignInRules rules, Map<String, Object> idToken, Set<String> authorities) {
		return new ProviderSignInPolicy(Map.of("corp", rules)).check("corp",
				new ProviderClaims(idToken, Map.of(), Map.of(), Set.of()), authorities);
	}

}
