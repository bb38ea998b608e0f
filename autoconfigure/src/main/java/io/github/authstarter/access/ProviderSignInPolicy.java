package io.github.authstarter.access;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sign-in rules of {@code auth.providers.<id>.*}: tenant, hosted domain, verified
 * email, email domain and required authorities, in that order.
 */
public final class ProviderSignInPolicy implements SignInPolicy {

	private final Map<String, SignInRules> rules;

	private final boolean refuseUnknown;

	/**
	 * Creates the policy.
	 * @param rules the rules of each provider, by registration id
	 */
	public ProviderSignInPolicy(Map<String, SignInRules> rules) {
		this(rules, false);
	}

	/**
	 * Creates the policy.
	 * @param rules the rules of each provider, by registration id
	 * @param refuseUnknown whether a provider without rules is refused, as a stored one
	 * removed, disabled or no longer compiling while its user signed in is: its rules
	 * cannot be checked
	 */
	public ProviderSignInPolicy(Map<String, SignInRules> rules, boolean refuseUnknown) {
		// a view, not a copy: providers of a store are looked up at each use
		this.rules = Collections.unmodifiableMap(rules);
		this.refuseUnknown = refuseUnknown;
	}

	@Override
	public SignInDecision check(String provider, ProviderClaims claims, Set<String> authorities) {
		SignInRules found = this.rules.get(provider);
		if (found == null && this.refuseUnknown) {
			return SignInDecision.deny("provider_not_available", "This sign-in provider is not available any more.");
		}
		SignInRules rules = (found != null) ? found : SignInRules.DEFAULT;
		if (!rules.allowedTenants().isEmpty() && !rules.allowedTenants().contains(SignInRules.ANY_TENANT)
				&& !rules.allowedTenants().contains(text(claims.claim("tid")).toLowerCase(Locale.ROOT))) {
			return SignInDecision.deny("tenant_not_allowed",
					"Accounts of this organization cannot sign in here. Sign in with an account of an allowed organization.");
		}
		if (rules.hostedDomain() != null && !rules.hostedDomain().equalsIgnoreCase(text(claims.claim("hd")))) {
			return SignInDecision.deny("hosted_domain_mismatch",
					"Only accounts of " + rules.hostedDomain() + " can sign in here.");
		}
		String email = text(claims.claim("email"));
		boolean verified = !email.isEmpty() && rules.emailVerification().verifies(claims);
		boolean domainRule = !rules.allowedEmailDomains().isEmpty();
		if (!email.isEmpty() && !verified && (rules.requireVerifiedEmail() || domainRule)) {
			return SignInDecision.deny("email_not_verified",
					"Your email address is not verified at the provider. Verify it there, then sign in again.");
		}
		if (domainRule && !allowedDomain(rules, email)) {
			return SignInDecision.deny("email_domain_not_allowed",
					"Accounts with this email domain cannot sign in here. Sign in with an account of an allowed domain.");
		}
		if (!rules.requiredAuthorities().isEmpty() && rules.requiredAuthorities()
			.stream()
			.noneMatch((required) -> authorities.contains(required)
					|| authorities.contains(rules.authorityPrefix() + required))) {
			return SignInDecision.deny("missing_required_authority",
					"Your account does not have the role or group this application requires.");
		}
		return SignInDecision.allow();
	}

	/**
	 * The address's domain in ASCII form, compared exactly: comparing Unicode text while
	 * ignoring case would fold a dotless i into an i and admit a look-alike domain.
	 */
	private static boolean allowedDomain(SignInRules rules, String email) {
		int at = email.lastIndexOf('@');
		String domain = (at >= 0) ? EmailDomains.asciiOrNull(email.substring(at + 1)) : null;
		return domain != null && rules.allowedEmailDomains().contains(domain);
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

}
