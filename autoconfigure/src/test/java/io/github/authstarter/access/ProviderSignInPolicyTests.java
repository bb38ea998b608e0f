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
	void tenantsWhenEveryTenantIsAdmittedExplicitly() {
		SignInRules rules = new SignInRules(List.of("*"), null, true, List.of(), List.of(), "ROLE_");
		assertThat(check(rules, Map.of("tid", "any-tenant"), Set.of()).allowed()).isTrue();
	}

	@Test
	void verifiedEmailWhenTheClaimIsNotTrueThenRefused() {
		assertThat(check(SignInRules.DEFAULT, Map.of("email", "a@example.com", "email_verified", false), Set.of())
			.reason()).isEqualTo("email_not_verified");
		assertThat(check(SignInRules.DEFAULT, Map.of("email", "a@example.com", "email_verified", "false"), Set.of())
			.reason()).isEqualTo("email_not_verified");
		// Entra never sends the claim: an address nobody verified is not trusted
		assertThat(check(SignInRules.DEFAULT, Map.of("email", "a@example.com"), Set.of()).reason())
			.isEqualTo("email_not_verified");
		assertThat(check(SignInRules.DEFAULT, Map.of("email", "a@example.com", "email_verified", true), Set.of())
			.allowed()).isTrue();
		assertThat(check(SignInRules.DEFAULT, Map.of("email", "a@example.com", "email_verified", "true"), Set.of())
			.allowed()).isTrue();
		// no address, nothing to verify
		assertThat(check(SignInRules.DEFAULT, Map.of(), Set.of()).allowed()).isTrue();
		SignInRules lenient = new SignInRules(List.of(), null, false, List.of(), List.of(), "ROLE_");
		assertThat(check(lenient, Map.of("email", "a@example.com", "email_verified", false), Set.of()).allowed())
			.isTrue();
	}

	@Test
	void emailDomains() {
		SignInRules rules = new SignInRules(List.of(), null, true, List.of("example.com"), List.of(), "ROLE_");
		assertThat(check(rules, verified("a@EXAMPLE.com"), Set.of()).allowed()).isTrue();
		assertThat(check(rules, verified("a@sub.example.com"), Set.of()).reason())
			.isEqualTo("email_domain_not_allowed");
		assertThat(check(rules, verified("a@example.com.evil.org"), Set.of()).reason())
			.isEqualTo("email_domain_not_allowed");
		assertThat(check(rules, Map.of(), Set.of()).reason()).isEqualTo("email_domain_not_allowed");
	}

	@Test
	void emailDomainsWhenTheAddressIsNotVerifiedThenRefusedEvenIfNotRequired() {
		SignInRules rules = new SignInRules(List.of(), null, false, List.of("example.com"), List.of(), "ROLE_");
		assertThat(check(rules, Map.of("email", "ceo@example.com"), Set.of()).allowed()).isFalse();
		assertThat(check(rules, Map.of("email", "ceo@example.com", "email_verified", false), Set.of()).allowed())
			.isFalse();
		assertThat(check(rules, verified("ceo@example.com"), Set.of()).allowed()).isTrue();
	}

	@Test
	void emailDomainsAreComparedAsAsciiNeverByCaseFolding() {
		SignInRules rules = new SignInRules(List.of(), null, true, List.of("microsoft.com"), List.of(), "ROLE_");
		// dotless i: equalsIgnoreCase folds it to I, and so to i
		assertThat(check(rules, verified("a@m\u0131crosoft.com"), Set.of()).reason())
			.isEqualTo("email_domain_not_allowed");
		assertThat(check(rules, verified("a@MICROSOFT.COM"), Set.of()).allowed()).isTrue();
		assertThat(check(rules, verified("a@microsoft.com\u3002evil"), Set.of()).allowed()).isFalse();
		assertThat(check(rules, verified("a@"), Set.of()).allowed()).isFalse();
		// mapped away by the JDK's IDNA2003, kept apart by today's rules: other domains
		SignInRules strasse = new SignInRules(List.of(), null, true, List.of("strasse.de"), List.of(), "ROLE_");
		for (String email : List.of("a@stra\u00dfe.de", "a@stra\u00ADsse.de", "a@stras\u200Dse.de",
				"a@\uFF53trasse.de")) {
			assertThat(check(strasse, verified(email), Set.of()).allowed()).as(email).isFalse();
		}
		assertThat(check(strasse, verified("a@Strasse.DE"), Set.of()).allowed()).isTrue();
		SignInRules unicode = new SignInRules(List.of(), null, true, List.of("b\u00fccher.example"), List.of(),
				"ROLE_");
		assertThat(check(unicode, verified("a@xn--bcher-kva.example"), Set.of()).allowed()).isTrue();
	}

	@Test
	void microsoftEmailsWhenSeveralTenantsThenOnlyTheXmsEdovClaimVerifies() {
		SignInRules rules = new SignInRules(List.of("*"), null, true, List.of("contoso.com"), List.of(), "ROLE_",
				EmailVerification.MICROSOFT_XMS_EDOV);
		assertThat(
				check(rules, Map.of("tid", "t", "email", "a@contoso.com", "email_verified", true), Set.of()).allowed())
			.as("a claim Entra does not send is not trusted from it")
			.isFalse();
		assertThat(check(rules, Map.of("tid", "t", "email", "a@contoso.com"), Set.of()).reason())
			.isEqualTo("email_not_verified");
		assertThat(check(rules, Map.of("tid", "t", "email", "a@contoso.com", "xms_edov", true), Set.of()).allowed())
			.isTrue();
	}

	@Test
	void microsoftEmailsWhenOneTenantThenTheTenantVerifies() {
		SignInRules rules = new SignInRules(List.of(), null, true, List.of("contoso.com"), List.of(), "ROLE_",
				EmailVerification.MICROSOFT_TENANT);
		assertThat(check(rules, Map.of("email", "a@contoso.com"), Set.of()).allowed()).isTrue();
	}

	private static Map<String, Object> verified(String email) {
		return Map.of("email", email, "email_verified", true);
	}

	@Test
	void requiredAuthoritiesWithOrWithoutThePrefix() {
		SignInRules rules = new SignInRules(List.of(), null, true, List.of(), List.of("staff", "SCOPE_admin"), "ROLE_");
		assertThat(check(rules, Map.of(), Set.of("ROLE_staff")).allowed()).isTrue();
		assertThat(check(rules, Map.of(), Set.of("SCOPE_admin")).allowed()).isTrue();
		assertThat(check(rules, Map.of(), Set.of("ROLE_guests")).reason()).isEqualTo("missing_required_authority");
	}

	@Test
	void providerWithoutRulesIsRefusedWhenProvidersComeAndGo() {
		ProviderClaims claims = new ProviderClaims(Map.of("email", "a@example.com", "email_verified", true), Map.of(),
				Map.of(), Set.of());
		assertThat(new ProviderSignInPolicy(Map.of(), true).check("gone", claims, Set.of()).reason())
			.isEqualTo("provider_not_available");
		assertThat(new ProviderSignInPolicy(Map.of(), false).check("gone", claims, Set.of()).allowed()).isTrue();
	}

	private static SignInDecision check(SignInRules rules, Map<String, Object> idToken, Set<String> authorities) {
		return new ProviderSignInPolicy(Map.of("corp", rules)).check("corp",
				new ProviderClaims(idToken, Map.of(), Map.of(), Set.of()), authorities);
	}

}
