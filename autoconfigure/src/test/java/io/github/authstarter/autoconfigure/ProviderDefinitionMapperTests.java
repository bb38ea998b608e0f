package io.github.authstarter.autoconfigure;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ResponseMode;
import io.github.authstarter.token.ApiDefinition;
import io.github.authstarter.token.ApiGrant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProviderDefinitionMapper}: every preset produces its documented
 * endpoints.
 */
class ProviderDefinitionMapperTests {

	private static final String MS = "https://login.microsoftonline.com/";

	@Test
	void definitionWhenGoogleThenFixedOpenIdEndpointsAndOfflineAccess() {
		ProviderDefinition google = map("google", "client-secret", "s");
		assertThat(google.displayName()).isEqualTo("Google");
		assertThat(google.needsDiscovery()).isFalse();
		assertThat(google.endpoints().issuer()).isEqualTo("https://accounts.google.com");
		assertThat(google.endpoints().authorization()).isEqualTo("https://accounts.google.com/o/oauth2/v2/auth");
		assertThat(google.endpoints().jwkSet()).isEqualTo("https://www.googleapis.com/oauth2/v3/certs");
		assertThat(google.endpoints().revocation()).isEqualTo("https://oauth2.googleapis.com/revoke");
		assertThat(google.endpoints().endSession()).isNull();
		assertThat(google.scopes()).containsExactly("openid", "profile", "email");
		assertThat(google.authorizationParameters()).containsEntry("access_type", "offline");
		assertThat(google.pkce()).isTrue();
		assertThat(google.redirectUri()).isEqualTo("{baseUrl}/login/oauth2/code/{registrationId}");
	}

	@Test
	void definitionWhenPresetNoneThenAnIdThatNamesAPresetIsAPlainProvider() {
		ProviderDefinition google = map("google", "preset", "none", "issuer-uri", "https://sso.example.com",
				"client-secret", "s", "tenant", "");
		assertThat(google.preset()).isNull();
		assertThat(google.displayName()).isEqualTo("Google");
		assertThat(google.needsDiscovery()).isTrue();
		assertThat(google.authorizationParameters()).doesNotContainKey("access_type");
	}

	@Test
	void definitionWhenHostedDomainThenGoogleIsAskedForThatDomain() {
		ProviderDefinition google = map("google", "client-secret", "s", "hosted-domain", " example.com ");
		assertThat(google.authorizationParameters()).containsEntry("hd", "example.com");
	}

	@Test
	void definitionWhenGitHubThenOAuth2OnlyWithEmailScope() {
		ProviderDefinition github = map("github", "client-secret", "s");
		assertThat(github.openId()).isFalse();
		assertThat(github.scopes()).containsExactly("read:user", "user:email");
		assertThat(github.userNameAttribute()).isEqualTo("id");
		assertThat(github.endpoints().userInfo()).isEqualTo("https://api.github.com/user");
		assertThat(github.endpoints().token()).isEqualTo("https://github.com/login/oauth/access_token");
	}

	@Test
	void definitionWhenMicrosoftWithoutTenantThenCommonWithTemplatedIssuer() {
		ProviderDefinition microsoft = map("microsoft", "client-secret", "s", "allowed-tenants", "*");
		assertThat(microsoft.needsDiscovery()).isFalse();
		assertThat(microsoft.endpoints().issuer()).isEqualTo(MS + "{tenantid}/v2.0");
		assertThat(microsoft.endpoints().templatedIssuer()).isTrue();
		assertThat(microsoft.endpoints().authorization()).isEqualTo(MS + "common/oauth2/v2.0/authorize");
		assertThat(microsoft.endpoints().jwkSet()).isEqualTo(MS + "common/discovery/v2.0/keys");
		assertThat(microsoft.endpoints().endSession()).isEqualTo(MS + "common/oauth2/v2.0/logout");
		assertThat(microsoft.endpoints().userInfo()).isEqualTo("https://graph.microsoft.com/oidc/userinfo");
		assertThat(microsoft.scopes()).contains("offline_access");
	}

	@Test
	void definitionWhenMicrosoftTenantIdThenFixedIssuer() {
		String tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
		ProviderDefinition microsoft = map("microsoft", "client-secret", "s", "tenant", tenant);
		assertThat(microsoft.endpoints().issuer()).isEqualTo(MS + tenant + "/v2.0");
		assertThat(microsoft.endpoints().templatedIssuer()).isFalse();
		assertThat(microsoft.endpoints().token()).isEqualTo(MS + tenant + "/oauth2/v2.0/token");
	}

	@Test
	void definitionWhenMicrosoftTenantDomainThenIssuerFromDiscovery() {
		ProviderDefinition microsoft = map("microsoft", "client-secret", "s", "tenant", "contoso.onmicrosoft.com");
		assertThat(microsoft.needsDiscovery()).isTrue();
		assertThat(microsoft.discoveryLocation()).isEqualTo(MS + "contoso.onmicrosoft.com/v2.0");
		assertThat(microsoft.issuerMustMatchDiscovery()).isFalse();
		assertThat(microsoft.endpoints().authorization())
			.isEqualTo(MS + "contoso.onmicrosoft.com/oauth2/v2.0/authorize");
	}

	@Test
	void definitionWhenOktaThenDefaultAuthorizationServerOfTheDomain() {
		ProviderDefinition okta = map("okta", "client-secret", "s", "domain", "dev-123.okta.com");
		String issuer = "https://dev-123.okta.com/oauth2/default";
		assertThat(okta.endpoints().issuer()).isEqualTo(issuer);
		assertThat(okta.endpoints().authorization()).isEqualTo(issuer + "/v1/authorize");
		assertThat(okta.endpoints().jwkSet()).isEqualTo(issuer + "/v1/keys");
		assertThat(okta.endpoints().endSession()).isEqualTo(issuer + "/v1/logout");
		assertThat(okta.endpoints().revocation()).isEqualTo(issuer + "/v1/revoke");
		assertThat(okta.needsDiscovery()).isFalse();
	}

	@Test
	void definitionWhenOktaWithIssuerUriInsteadOfDomainThenDiscovered() {
		ProviderDefinition okta = map("okta", "issuer-uri", "https://login.example.com/oauth2/aus1");
		assertThat(okta.needsDiscovery()).isTrue();
		assertThat(okta.discoveryLocation()).isEqualTo("https://login.example.com/oauth2/aus1");
		assertThat(okta.issuerMustMatchDiscovery()).isTrue();
		assertThat(okta.scopes()).contains("offline_access");
	}

	@Test
	void definitionWhenAuth0ThenIssuerWithTrailingSlash() {
		ProviderDefinition auth0 = map("auth0", "client-secret", "s", "domain", "https://acme.eu.auth0.com/");
		assertThat(auth0.endpoints().issuer()).isEqualTo("https://acme.eu.auth0.com/");
		assertThat(auth0.endpoints().token()).isEqualTo("https://acme.eu.auth0.com/oauth/token");
		assertThat(auth0.endpoints().jwkSet()).isEqualTo("https://acme.eu.auth0.com/.well-known/jwks.json");
		assertThat(auth0.endpoints().endSession()).isEqualTo("https://acme.eu.auth0.com/oidc/logout");
	}

	@Test
	void definitionWhenKeycloakThenRealmEndpoints() {
		ProviderDefinition keycloak = map("keycloak", "client-secret", "s", "base-url", "https://sso.example.com",
				"realm", "corp");
		String base = "https://sso.example.com/realms/corp";
		assertThat(keycloak.endpoints().issuer()).isEqualTo(base);
		assertThat(keycloak.endpoints().authorization()).isEqualTo(base + "/protocol/openid-connect/auth");
		assertThat(keycloak.endpoints().jwkSet()).isEqualTo(base + "/protocol/openid-connect/certs");
		assertThat(keycloak.endpoints().endSession()).isEqualTo(base + "/protocol/openid-connect/logout");
		assertThat(keycloak.endpoints().revocation()).isEqualTo(base + "/protocol/openid-connect/revoke");
	}

	@Test
	void definitionWhenAppleThenFormPostAndNoUserInfo() {
		ProviderDefinition apple = map("apple", "client-secret", "jwt");
		assertThat(apple.responseMode()).isEqualTo(ResponseMode.FORM_POST);
		assertThat(apple.endpoints().userInfo()).isNull();
		assertThat(apple.endpoints().endSession()).isNull();
		assertThat(apple.endpoints().jwkSet()).isEqualTo("https://appleid.apple.com/auth/keys");
		assertThat(apple.scopes()).containsExactly("openid", "name", "email");
	}

	@Test
	void definitionWhenGitLabThenGitLabComOrTheBaseUrl() {
		assertThat(map("gitlab", "client-secret", "s").endpoints().issuer()).isEqualTo("https://gitlab.com");
		ProviderDefinition selfManaged = map("gitlab", "client-secret", "s", "base-url", "git.example.com/");
		assertThat(selfManaged.endpoints().issuer()).isEqualTo("https://git.example.com");
		assertThat(selfManaged.endpoints().jwkSet()).isEqualTo("https://git.example.com/oauth/discovery/keys");
	}

	@Test
	void definitionWhenPresetNamedExplicitlyThenIdIsFreeAndDisplayNameFollowsTheId() {
		ProviderDefinition work = map("work", "preset", "keycloak", "base-url", "https://sso.example.com", "realm",
				"r");
		assertThat(work.preset()).isNotNull();
		assertThat(work.displayName()).isEqualTo("Work");
		assertThat(work.endpoints().issuer()).isEqualTo("https://sso.example.com/realms/r");
	}

	@Test
	void definitionWhenExplicitEndpointsAndSettingsThenTheyWinOverThePreset() {
		ProviderDefinition google = map("google", "client-secret", "s", "token-uri", "https://proxy.example.com/token",
				"scopes", "openid,email", "display-name", "Google Workspace", "authorization-params.access_type",
				"online", "authorization-params.hd", "example.com", "client-authentication-method",
				"client_secret_post", "pkce", "false");
		assertThat(google.endpoints().token()).isEqualTo("https://proxy.example.com/token");
		assertThat(google.endpoints().authorization()).isEqualTo("https://accounts.google.com/o/oauth2/v2/auth");
		assertThat(google.scopes()).containsExactly("openid", "email");
		assertThat(google.displayName()).isEqualTo("Google Workspace");
		assertThat(google.authorizationParameters()).containsEntry("access_type", "online")
			.containsEntry("hd", "example.com");
		assertThat(google.clientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		assertThat(google.pkce()).isFalse();
	}

	@Test
	void definitionWhenGenericIssuerThenDiscoveredWithOpenIdDefaults() {
		ProviderDefinition corp = map("corp", "issuer-uri", "https://sso.example.com/realms/corp", "client-secret", "s",
				"response-mode", "form_post");
		assertThat(corp.preset()).isNull();
		assertThat(corp.needsDiscovery()).isTrue();
		assertThat(corp.scopes()).containsExactly("openid", "profile", "email");
		assertThat(corp.userNameAttribute()).isEqualTo("sub");
		assertThat(corp.responseMode()).isEqualTo(ResponseMode.FORM_POST);
		assertThat(corp.displayName()).isEqualTo("Corp");
	}

	@Test
	void definitionWhenGenericExplicitEndpointsThenNoDiscovery() {
		ProviderDefinition corp = map("corp", "authorization-uri", "https://a.example.com/authorize", "token-uri",
				"https://a.example.com/token", "scopes", "read");
		assertThat(corp.needsDiscovery()).isFalse();
		assertThat(corp.openId()).isFalse();
		assertThat(corp.clientSecret()).isNull();
		assertThat(corp.userNameAttribute()).isEqualTo("id");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void definitionWhenEndpointsWithoutIssuerThenOneStartupWarningNamesTheIssuerProperty(CapturedOutput output) {
		map("corp", "authorization-uri", "https://sso.example.com/authorize", "token-uri",
				"https://sso.example.com/token", "jwk-set-uri", "https://sso.example.com/jwks");
		assertThat(output).containsOnlyOnce("RFC 9207").containsOnlyOnce("set auth.providers.corp.issuer");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void definitionWhenIssuerKnownOrTemplatedThenNoIssuerWarning(CapturedOutput output) {
		map("corp", "authorization-uri", "https://sso.example.com/authorize", "token-uri",
				"https://sso.example.com/token", "jwk-set-uri", "https://sso.example.com/jwks", "issuer",
				"https://sso.example.com");
		map("corp", "issuer-uri", "https://sso.example.com");
		map("microsoft", "client-secret", "s", "allowed-tenants", "*");
		map("google", "client-secret", "s");
		// OAuth2 only: GitHub has no issuer and sends no iss
		map("github", "client-secret", "s");
		assertThat(output).doesNotContain("RFC 9207");
	}

	@Test
	void definitionsKeepConfigurationOrder() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("auth.providers.zeta.issuer-uri", "https://z.example.com");
		properties.put("auth.providers.zeta.client-id", "z");
		properties.put("auth.providers.alpha.issuer-uri", "https://a.example.com");
		properties.put("auth.providers.alpha.client-id", "a");
		assertThat(new ProviderDefinitionMapper(bind(properties)).definitions()).extracting("registrationId")
			.containsExactly("zeta", "alpha");
	}

	@Test
	void definitionWhenAnApiUsesTheSignInsTokenThenTheSignInAsksForItsScopesAndAudience() {
		ProviderDefinition auth0 = map("corp", "issuer-uri", "https://corp.eu.auth0.com/", "apis.orders.grant", "login",
				"apis.orders.scopes", "orders:read", "apis.orders.audience", "https://orders.example.com",
				"apis.orders.base-url", "https://orders.example.com", "apis.graph.scopes", "User.Read",
				"apis.graph.base-url", "https://graph.microsoft.com/v1.0");
		assertThat(auth0.scopes()).containsExactly("openid", "profile", "email", "orders:read");
		assertThat(auth0.authorizationParameters()).containsEntry("audience", "https://orders.example.com")
			.doesNotContainKey("resource");
	}

	@Test
	void apisWhenMisconfiguredThenRefusedNamingTheProperty() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> map("corp", "issuer-uri", "https://corp.example.com", "apis.graph.scopes", "User.Read"))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("auth.providers.corp.apis.graph.base-url"));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> map("corp", "issuer-uri", "https://corp.example.com", "apis.graph.scopes", "User.Read",
					"apis.graph.base-url", "graph.microsoft.com"))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("auth.providers.corp.apis.graph.base-url"));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> map("corp", "issuer-uri", "https://corp.example.com", "apis.graph.base-url",
					"https://graph.microsoft.com"))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("auth.providers.corp.apis.graph.scopes"));
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> map("corp", "issuer-uri", "https://corp.example.com", "apis.a.grant", "login",
					"apis.a.scopes", "a", "apis.a.base-url", "https://a.example.com", "apis.b.grant", "login",
					"apis.b.scopes", "b", "apis.b.base-url", "https://b.example.com"))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("auth.providers.corp.apis.b.grant"));
	}

	@Test
	void apiBaseUrlAllowsItsOwnPathsOnly() {
		ApiDefinition graph = new ApiDefinition("corp", "graph", Set.of("User.Read"), null, null,
				ApiGrant.REFRESH_TOKEN, URI.create("https://graph.microsoft.com/v1.0"));
		assertThat(graph.registrationId()).isEqualTo("corp/graph");
		assertThat(graph.allows(URI.create("https://graph.microsoft.com/v1.0"))).isTrue();
		assertThat(graph.allows(URI.create("https://GRAPH.microsoft.com:443/v1.0/me?x=1"))).isTrue();
		for (String other : List.of("http://graph.microsoft.com/v1.0/me", "https://graph.microsoft.com/beta/me",
				"https://graph.microsoft.com/v1.0x/me", "https://graph.microsoft.com.evil.example/v1.0/me",
				"https://graph.microsoft.com:8443/v1.0/me", "https://user@graph.microsoft.com/v1.0/me",
				"https://graph.microsoft.com/v1.0/../beta/me", "https://graph.microsoft.com/v1.0/%2e%2e/beta",
				"/v1.0/me")) {
			assertThat(graph.allows(URI.create(other))).as(other).isFalse();
		}
	}

	static ProviderDefinition map(String id, String... keyValues) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("auth.providers." + id + ".client-id", "the-client");
		for (int i = 0; i < keyValues.length; i += 2) {
			properties.put("auth.providers." + id + "." + keyValues[i], keyValues[i + 1]);
		}
		List<ProviderDefinition> definitions = new ProviderDefinitionMapper(bind(properties)).definitions();
		assertThat(definitions).hasSize(1);
		return definitions.get(0);
	}

	static AuthProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("auth", AuthProperties.class);
	}

}
