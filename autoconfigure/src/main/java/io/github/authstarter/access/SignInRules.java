package io.github.authstarter.access;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One provider's sign-in policy from its properties.
 *
 * @param allowedTenants Microsoft tenant ids ({@code tid}) accepted; {@code *} for any;
 * empty for a provider of one tenant
 * @param hostedDomain the Google Workspace domain ({@code hd}) a user must belong to, or
 * {@code null}
 * @param requireVerifiedEmail whether to refuse a user with an email address that is not
 * verified
 * @param allowedEmailDomains the email domains accepted (a verified address only, its
 * domain compared in ASCII form); empty for any
 * @param requiredAuthorities authorities of which a user needs at least one; empty for
 * none
 * @param authorityPrefix the provider's authority prefix, so that
 * {@code required-authorities} may name a role without it
 * @param emailVerification what makes the provider's {@code email} a verified address
 */
public record SignInRules(List<String> allowedTenants, @Nullable String hostedDomain, boolean requireVerifiedEmail,
		List<String> allowedEmailDomains, List<String> requiredAuthorities, String authorityPrefix,
		EmailVerification emailVerification) {

	/** Only the default: an email address that is not verified is refused. */
	public static final SignInRules DEFAULT = new SignInRules(List.of(), null, true, List.of(), List.of(), "ROLE_");

	/** The tenant list entry that admits every tenant. */
	public static final String ANY_TENANT = "*";

	/**
	 * Creates the rules of a provider that says whether an email is verified.
	 * @param allowedTenants the Microsoft tenant ids accepted, {@code *} for any
	 * @param hostedDomain the Google Workspace domain, or {@code null}
	 * @param requireVerifiedEmail whether to refuse an unverified email address
	 * @param allowedEmailDomains the email domains accepted; empty for any
	 * @param requiredAuthorities authorities of which a user needs one; empty for none
	 * @param authorityPrefix the provider's authority prefix
	 */
	public SignInRules(List<String> allowedTenants, @Nullable String hostedDomain, boolean requireVerifiedEmail,
			List<String> allowedEmailDomains, List<String> requiredAuthorities, String authorityPrefix) {
		this(allowedTenants, hostedDomain, requireVerifiedEmail, allowedEmailDomains, requiredAuthorities,
				authorityPrefix, EmailVerification.EMAIL_VERIFIED_CLAIM);
	}

	/**
	 * Creates the rules.
	 */
	public SignInRules {
		allowedTenants = List.copyOf(allowedTenants);
		allowedEmailDomains = allowedEmailDomains.stream().map(EmailDomains::ascii).toList();
		requiredAuthorities = List.copyOf(requiredAuthorities);
	}

}
