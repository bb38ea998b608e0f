package io.github.authstarter.access;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One provider's sign-in policy from its properties.
 *
 * @param allowedTenants Microsoft tenant ids ({@code tid}) accepted; empty for any
 * @param hostedDomain the Google Workspace domain ({@code hd}) a user must belong to, or
 * {@code null}
 * @param requireVerifiedEmail whether to refuse a user whose {@code email_verified} is
 * present and false
 * @param allowedEmailDomains the email domains accepted; empty for any
 * @param requiredAuthorities authorities of which a user needs at least one; empty for
 * none
 * @param authorityPrefix the provider's authority prefix, so that
 * {@code required-authorities} may name a role without it
 */
public record SignInRules(List<String> allowedTenants, @Nullable String hostedDomain, boolean requireVerifiedEmail,
		List<String> allowedEmailDomains, List<String> requiredAuthorities, String authorityPrefix) {

	/** Only the default: an email the provider says is unverified is refused. */
	public static final SignInRules DEFAULT = new SignInRules(List.of(), null, true, List.of(), List.of(), "ROLE_");

	/**
	 * Creates the rules.
	 */
	public SignInRules {
		allowedTenants = List.copyOf(allowedTenants);
		allowedEmailDomains = List.copyOf(allowedEmailDomains);
		requiredAuthorities = List.copyOf(requiredAuthorities);
	}

}
