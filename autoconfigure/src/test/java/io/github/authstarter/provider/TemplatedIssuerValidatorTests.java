package io.github.authstarter.provider;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TemplatedIssuerValidator} with Microsoft's multi-tenant endpoints.
 */
class TemplatedIssuerValidatorTests {

	private static final String TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0";

	private static final String WORK_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	private static final String OTHER_TENANT = "00000000-0000-0000-0000-000000000001";

	@Test
	void validateWhenIssuerNamesTheTokensTenantThenSuccess() {
		assertThat(validator("common").validate(token(WORK_TENANT, WORK_TENANT)).hasErrors()).isFalse();
	}

	@Test
	void validateWhenIssuerNamesAnotherTenantThenFailure() {
		assertThat(validator("common").validate(token(WORK_TENANT, "00000000-0000-0000-0000-000000000001")).hasErrors())
			.isTrue();
	}

	@Test
	void validateWhenNoTenantClaimThenFailure() {
		assertThat(validator("common").validate(IdTokens.withIssuerAndTenant(issuer(WORK_TENANT), null, "client"))
			.hasErrors()).isTrue();
	}

	@Test
	void validateWhenIssuerFromAnotherHostThenFailure() {
		assertThat(validator("common")
			.validate(IdTokens.withIssuerAndTenant("https://evil.example.com/" + WORK_TENANT + "/v2.0", WORK_TENANT,
					"client"))
			.hasErrors()).isTrue();
	}

	@Test
	void validateWhenOrganizationsAndPersonalAccountThenFailure() {
		String consumers = MicrosoftTenant.CONSUMERS_TENANT_ID;
		assertThat(validator("organizations").validate(token(consumers, consumers)).hasErrors()).isTrue();
		assertThat(validator("organizations").validate(token(WORK_TENANT, WORK_TENANT)).hasErrors()).isFalse();
	}

	@Test
	void validateWhenConsumersAndWorkAccountThenFailure() {
		String consumers = MicrosoftTenant.CONSUMERS_TENANT_ID;
		assertThat(validator("consumers").validate(token(WORK_TENANT, WORK_TENANT)).hasErrors()).isTrue();
		assertThat(validator("consumers").validate(token(consumers, consumers)).hasErrors()).isFalse();
	}

	@Test
	void validateWhenTheAuthorizationResponseNamedTheTokensTenantThenSuccess() {
		assertThat(validateInCallback(issuer(WORK_TENANT), token(WORK_TENANT, WORK_TENANT)).hasErrors()).isFalse();
	}

	@Test
	void validateWhenTheAuthorizationResponseNamedAnotherTenantThenFailure() {
		// RFC 9207: the response must come from the issuer whose id token follows
		OAuth2TokenValidatorResult result = validateInCallback(issuer(OTHER_TENANT), token(WORK_TENANT, WORK_TENANT));
		assertThat(result.getErrors()).extracting(OAuth2Error::getDescription)
			.containsExactly("the authorization response's issuer (RFC 9207) is not the id token's tenant");
	}

	@Test
	void fitsWhenIssuerFollowsTheTemplateThenTrue() {
		assertThat(TemplatedIssuerValidator.fits(TEMPLATE, issuer(WORK_TENANT))).isTrue();
		assertThat(TemplatedIssuerValidator.fits(TEMPLATE, "https://login.microsoftonline.com/contoso.com/v2.0"))
			.isTrue();
	}

	@Test
	void fitsWhenIssuerDoesNotFollowTheTemplateThenFalse() {
		assertThat(TemplatedIssuerValidator.fits(TEMPLATE, "https://evil.example/" + WORK_TENANT + "/v2.0")).isFalse();
		assertThat(TemplatedIssuerValidator.fits(TEMPLATE, "https://login.microsoftonline.com//v2.0")).isFalse();
		assertThat(TemplatedIssuerValidator.fits(TEMPLATE, "https://login.microsoftonline.com/a/b/v2.0")).isFalse();
		assertThat(TemplatedIssuerValidator.fits(TEMPLATE, "https://login.microsoftonline.com/v2.0")).isFalse();
	}

	/** Validates as during a callback whose authorization response carried an iss. */
	private static OAuth2TokenValidatorResult validateInCallback(String responseIssuer, Jwt token) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(TemplatedIssuerValidator.RESPONSE_ISSUER_ATTRIBUTE, responseIssuer);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		try {
			return validator("common").validate(token);
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

	private static TemplatedIssuerValidator validator(String tenant) {
		return new TemplatedIssuerValidator(TEMPLATE, MicrosoftTenant.of(tenant)::admits);
	}

	private static Jwt token(String issuerTenant, String tenantId) {
		return IdTokens.withIssuerAndTenant(issuer(issuerTenant), tenantId, "client");
	}

	private static String issuer(String tenant) {
		return TEMPLATE.replace("{tenantid}", tenant);
	}

}
