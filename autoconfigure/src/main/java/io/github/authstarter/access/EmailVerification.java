package io.github.authstarter.access;

/**
 * What makes a provider's {@code email} claim a verified address, which the
 * {@code require-verified-email} and {@code allowed-email-domains} rules admit and
 * nothing else does.
 */
public enum EmailVerification {

	/** The provider says so: {@code email_verified} is {@code true} (or "true"). */
	EMAIL_VERIFIED_CLAIM,

	/**
	 * Microsoft Entra for one tenant: the addresses are the tenant's own, set by its own
	 * admins (Entra sends no {@code email_verified}).
	 */
	MICROSOFT_TENANT,

	/**
	 * Microsoft Entra for several tenants: any tenant's admin can set any address, so
	 * only the {@code xms_edov} optional claim (domain owner verified) counts.
	 */
	MICROSOFT_XMS_EDOV;

	boolean verifies(ProviderClaims claims) {
		return switch (this) {
			case EMAIL_VERIFIED_CLAIM -> isTrue(claims.claim("email_verified"));
			case MICROSOFT_TENANT -> true;
			case MICROSOFT_XMS_EDOV -> isTrue(claims.claim("xms_edov"));
		};
	}

	private static boolean isTrue(Object value) {
		return Boolean.TRUE.equals(value) || "true".equals(value);
	}

}
