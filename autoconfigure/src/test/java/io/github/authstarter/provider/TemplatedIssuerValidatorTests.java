package io.github.authstarter.provider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TemplatedIssuerValidator} with Microsoft's multi-tenant endpoints.
 */
class TemplatedIssuerValidatorTests {

	private static final String TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0";

	private static final String WORK_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

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

	private static TemplatedIssuerValidator validator(String tenant) {
		return new TemplatedIssuerValidator(TEMPLATE, MicrosoftTenant.of(tenant)::admits);
	}

	private static org.springframework.security.oauth2.jwt.Jwt token(String issuerTenant, String tenantId) {
		return IdTokens.withIssuerAndTenant(issuer(issuerTenant), tenantId, "client");
	}

	private static String issuer(String tenant) {
		return TEMPLATE.replace("{tenantid}", tenant);
	}

}
