package io.github.authstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.access.AuthoritiesMapper;
import io.github.authstarter.access.ClaimsAuthoritiesMapper;
import io.github.authstarter.access.ProviderClaims;
import io.github.authstarter.access.SignInDecision;
import io.github.authstarter.access.SignInPolicy;
import io.github.authstarter.access.SignInRefusedException;
import io.github.authstarter.access.UserAccess;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AuthAccessAutoConfiguration}: the property-based defaults, each
 * preset's claims, and the beans an application may add or replace.
 */
class AuthAccessAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AuthAutoConfigurations.all());

	@Test
	void withoutProvidersThereIsNothing() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(UserAccess.class));
	}

	@Test
	void definesThePropertyBasedMappingAndPolicy() {
		this.contextRunner
			.withPropertyValues("auth.providers.corp.client-id=c", "auth.providers.corp.issuer-uri=https://idp.example",
					"auth.providers.corp.authorities.claims=groups", "auth.providers.corp.authorities.prefix=GROUP_",
					"auth.providers.corp.authorities.mapping.0f1e=readers",
					"auth.providers.corp.allowed-email-domains=example.com")
			.run((context) -> {
				assertThat(context).hasSingleBean(ClaimsAuthoritiesMapper.class);
				UserAccess access = context.getBean(UserAccess.class);
				assertThat(access.authorize("corp",
						claims(Map.of("groups", List.of("0f1e"), "email", "a@example.com", "email_verified", true))))
					.containsExactlyInAnyOrder("OIDC_USER", "GROUP_readers");
				assertThatExceptionOfType(SignInRefusedException.class)
					.isThrownBy(() -> access.authorize("corp", claims(Map.of("email", "a@other.org"))));
			});
	}

	@Test
	void presetsKnowWhereTheirProviderPutsRoles() {
		this.contextRunner
			.withPropertyValues("auth.providers.microsoft.client-id=m", "auth.providers.microsoft.tenant=t1",
					"auth.providers.okta.client-id=o", "auth.providers.okta.domain=acme.okta.com",
					"auth.providers.google.client-id=g", "auth.providers.auth0.client-id=a",
					"auth.providers.auth0.domain=acme.auth0.com")
			.run((context) -> {
				AuthoritiesMapper mapper = context.getBean(AuthoritiesMapper.class);
				Map<String, Object> token = Map.of("roles", List.of("Admin"), "groups", List.of("Everyone"));
				assertThat(mapper.authorities("microsoft", claims(token))).containsExactly("ROLE_Admin");
				assertThat(mapper.authorities("okta", claims(token))).containsExactly("ROLE_Everyone");
				assertThat(mapper.authorities("google", claims(token))).isEmpty();
				assertThat(mapper.authorities("auth0", claims(token))).isEmpty();
			});
	}

	@Test
	void keycloakReadsRealmAndClientRolesFromTheAccessTokenOnly() {
		this.contextRunner
			.withPropertyValues("auth.providers.keycloak.client-id=my.app",
					"auth.providers.keycloak.base-url=https://sso.example", "auth.providers.keycloak.realm=r")
			.run((context) -> {
				AuthoritiesMapper mapper = context.getBean(AuthoritiesMapper.class);
				Map<String, Object> accessToken = Map.of("realm_access", Map.of("roles", List.of("user")),
						"resource_access", Map.of("my.app", Map.of("roles", List.of("editor"))));
				assertThat(
						mapper.authorities("keycloak",
								new ProviderClaims(Map.of("realm_access", Map.of("roles", List.of("ignored"))),
										Map.of(), accessToken, Set.of())))
					.containsExactlyInAnyOrder("ROLE_user", "ROLE_editor");
			});
	}

	@Test
	void aMalformedClaimPathFailsAtStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("auth.providers.corp.client-id=c", "auth.providers.corp.issuer-uri=https://idp.example",
					"auth.providers.corp.authorities.claims=realm_access..roles")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("auth.providers.corp.authorities.claims"));
	}

	@Test
	void theApplicationsBeansReplaceTheMappingAndAddPoliciesAfterTheProvidersRules() {
		this.contextRunner.withUserConfiguration(ApplicationAccess.class)
			.withPropertyValues("auth.providers.corp.client-id=c", "auth.providers.corp.issuer-uri=https://idp.example",
					"auth.providers.corp.required-authorities=staff")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ClaimsAuthoritiesMapper.class);
				UserAccess access = context.getBean(UserAccess.class);
				assertThat(access.authorize("corp", claims(Map.of("department", "staff"))))
					.containsExactlyInAnyOrder("OIDC_USER", "ROLE_staff", "FROM_GRANTED_MAPPER");
				assertThatExceptionOfType(SignInRefusedException.class)
					.isThrownBy(() -> access.authorize("corp", claims(Map.of("department", "staff", "blocked", true))))
					.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("blocked"));
				assertThatExceptionOfType(SignInRefusedException.class)
					.isThrownBy(() -> access.authorize("corp", claims(Map.of("department", "sales", "blocked", true))))
					.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("missing_required_authority"));
			});
	}

	private static ProviderClaims claims(Map<String, Object> idToken) {
		return new ProviderClaims(idToken, Map.of(), Map.of(), Set.of());
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationAccess {

		@Bean
		AuthoritiesMapper departmentRoles() {
			return (provider, claims) -> List.of("ROLE_" + claims.claim("department"));
		}

		@Bean
		GrantedAuthoritiesMapper markingMapper() {
			return (authorities) -> {
				List<GrantedAuthority> mapped = new ArrayList<>(authorities);
				mapped.add(new SimpleGrantedAuthority("FROM_GRANTED_MAPPER"));
				return mapped;
			};
		}

		@Bean
		@Order(1)
		SignInPolicy blockList() {
			return (provider, claims, authorities) -> Boolean.TRUE.equals(claims.claim("blocked"))
					? SignInDecision.deny("blocked", "Blocked.") : SignInDecision.allow();
		}

	}

}
