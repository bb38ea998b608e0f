package io.github.authstarter.provider;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Checks the {@code iss} of an id token from a multi-tenant endpoint: it must be the
 * issuer template filled with the token's own {@code tid}, and that tenant must be one
 * the endpoint admits. Turning issuer validation off instead would accept tokens minted
 * by any issuer that knows the client id. At login, the {@code iss} of the authorization
 * response (RFC 9207), which names the user's tenant too, must be that same issuer: it is
 * known only once the id token is.
 */
public final class TemplatedIssuerValidator implements OAuth2TokenValidator<Jwt> {

	/** The placeholder for the tenant id in an issuer template. */
	public static final String TENANT_PLACEHOLDER = "{tenantid}";

	/**
	 * The request attribute under which a callback leaves the {@code iss} parameter of
	 * its authorization response, for a provider with an issuer template.
	 */
	public static final String RESPONSE_ISSUER_ATTRIBUTE = TemplatedIssuerValidator.class.getName() + ".responseIssuer";

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
		String responseIssuer = responseIssuer();
		if (responseIssuer != null && !expected.equals(responseIssuer)) {
			return failure("the authorization response's issuer (RFC 9207) is not the id token's tenant");
		}
		return OAuth2TokenValidatorResult.success();
	}

	/**
	 * Whether an issuer follows a template: the template's text around the placeholder,
	 * and one path segment (a tenant) in its place.
	 * @param template the issuer with {@link #TENANT_PLACEHOLDER}
	 * @param issuer the issuer to check
	 * @return whether the issuer is the template filled with some tenant
	 */
	public static boolean fits(String template, String issuer) {
		int at = template.indexOf(TENANT_PLACEHOLDER);
		if (at < 0) {
			return template.equals(issuer);
		}
		String prefix = template.substring(0, at);
		String suffix = template.substring(at + TENANT_PLACEHOLDER.length());
		if (issuer.length() <= prefix.length() + suffix.length() || !issuer.startsWith(prefix)
				|| !issuer.endsWith(suffix)) {
			return false;
		}
		return issuer.substring(prefix.length(), issuer.length() - suffix.length()).matches("[A-Za-z0-9._-]+");
	}

	/**
	 * The {@code iss} of the authorization response of the callback being handled, if
	 * any; a refresh has none.
	 */
	private static @Nullable String responseIssuer() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes == null) {
			return null;
		}
		Object issuer = attributes.getAttribute(RESPONSE_ISSUER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		return (issuer instanceof String value) ? value : null;
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_id_token", description, null));
	}

}
