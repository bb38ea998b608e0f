package io.github.authstarter.provider;

import java.util.function.Predicate;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Checks the {@code iss} of an id token from a multi-tenant endpoint: it must be the
 * issuer template filled with the token's own {@code tid}, and that tenant must be one
 * the endpoint admits. Turning issuer validation off instead would accept tokens minted
 * by any issuer that knows the client id.
 */
public final class TemplatedIssuerValidator implements OAuth2TokenValidator<Jwt> {

	/** The placeholder for the tenant id in an issuer template. */
	public static final String TENANT_PLACEHOLDER = "{tenantid}";

	private final String template;

	private final Predicate<String> admittedTenants;

	/**
	 * Creates a validator.
	 * @param template the issuer with {@link #TENANT_PLACEHOLDER}
	 * @param admittedTenants which tenant ids are accepted
	 */
	public TemplatedIssuerValidator(String template, Predicate<String> admittedTenants) {
		this.template = template;
		this.admittedTenants = admittedTenants;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		String tenantId = token.getClaimAsString("tid");
		if (tenantId == null || tenantId.isBlank()) {
			return failure("the id token has no 'tid' claim to check its issuer against");
		}
		if (!this.admittedTenants.test(tenantId)) {
			return failure("the id token's tenant is not admitted by this endpoint");
		}
		String expected = this.template.replace(TENANT_PLACEHOLDER, tenantId);
		String issuer = (token.getIssuer() != null) ? token.getIssuer().toExternalForm() : null;
		if (!expected.equals(issuer)) {
			return failure("the id token's issuer does not match its tenant");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_id_token", description, null));
	}

}
