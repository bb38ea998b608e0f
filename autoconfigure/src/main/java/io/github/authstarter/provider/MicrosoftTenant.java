package io.github.authstarter.provider;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A Microsoft Entra tenant as written by the user, and the endpoints and issuer rules
 * that follow from it.
 *
 * @param value the tenant as configured: an id, a domain, or {@code common},
 * {@code organizations} or {@code consumers}
 */
record MicrosoftTenant(String value) {

	/** The tenant of personal Microsoft accounts, fixed by Microsoft. */
	static final String CONSUMERS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

	private static final String LOGIN = "https://login.microsoftonline.com/";

	private static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");

	private static final Pattern TENANT_ID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	static MicrosoftTenant of(@Nullable String tenant) {
		return new MicrosoftTenant((tenant == null || tenant.isBlank()) ? "common" : tenant.strip());
	}

	/**
	 * Multi-tenant endpoints issue tokens whose {@code iss} names the user's own tenant,
	 * so the issuer is a template checked against the {@code tid} claim. A tenant given
	 * by domain name is resolved to its id through discovery.
	 */
	ProviderEndpoints endpoints() {
		String base = LOGIN + this.value;
		String issuer = null;
		if (multiTenant()) {
			issuer = LOGIN + TemplatedIssuerValidator.TENANT_PLACEHOLDER + "/v2.0";
		}
		else if (TENANT_ID.matcher(this.value.toLowerCase(Locale.ROOT)).matches()) {
			issuer = base + "/v2.0";
		}
		return ProviderEndpoints.builder()
			.issuer(issuer)
			.authorization(base + "/oauth2/v2.0/authorize")
			.token(base + "/oauth2/v2.0/token")
			.userInfo("https://graph.microsoft.com/oidc/userinfo")
			.jwkSet(base + "/discovery/v2.0/keys")
			.endSession(base + "/oauth2/v2.0/logout")
			.build();
	}

	/** Where discovery tells a tenant's issuer when the user named it by domain. */
	String discoveryLocation() {
		return LOGIN + this.value + "/v2.0";
	}

	boolean multiTenant() {
		return MULTI_TENANT.contains(this.value.toLowerCase(Locale.ROOT));
	}

	/** Which tenants a templated issuer may name, following the endpoint family. */
	boolean admits(String tenantId) {
		return switch (this.value.toLowerCase(Locale.ROOT)) {
			case "consumers" -> CONSUMERS_TENANT_ID.equals(tenantId);
			case "organizations" -> !CONSUMERS_TENANT_ID.equals(tenantId);
			default -> true;
		};
	}

}
