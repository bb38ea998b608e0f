package io.github.authstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every bad provider configuration fails at startup with a message naming the full
 * property.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProviderPropertiesValidationTests {

	static Stream<Arguments> badConfigurations() {
		return Stream.of(
				bad("auth.providers.google.client-id", "a client id is required", "google", "client-secret", "s"),
				bad("auth.providers.corp.preset", "known presets: google, github", "corp", "client-id", "c", "preset",
						"facebook"),
				bad("auth.providers.corp.issuer-uri", "needs an issuer-uri", "corp", "client-id", "c"),
				bad("auth.providers.corp.token-uri", "token endpoint is required", "corp", "client-id", "c",
						"authorization-uri", "https://a.example.com/authorize"),
				bad("auth.providers.corp.jwk-set-uri", "key set", "corp", "client-id", "c", "authorization-uri",
						"https://a.example.com/authorize", "token-uri", "https://a.example.com/token"),
				bad("auth.providers.google.tenant", "applies only to preset microsoft", "google", "client-id", "c",
						"tenant", "contoso"),
				bad("auth.providers.okta.domain", "needs 'domain'", "okta", "client-id", "c"),
				bad("auth.providers.keycloak.realm", "needs 'realm'", "keycloak", "client-id", "c", "base-url",
						"https://sso.example.com"),
				bad("auth.providers.github.response-mode", "cannot answer with form_post", "github", "client-id", "c",
						"client-secret", "s", "response-mode", "form_post"),
				bad("auth.providers.google.client-authentication-method", "supported methods", "google", "client-id",
						"c", "client-authentication-method", "tls_client_magic"),
				// RFC 8705: the certificate comes from an SSL bundle
				bad("auth.providers.corp.ssl-bundle", "presents a client certificate", "corp", "client-id", "c",
						"issuer-uri", "https://id.corp.example", "client-authentication-method", "tls_client_auth"),
				bad("auth.providers.corp.issuer-uri", "mtls_endpoint_aliases", "corp", "client-id", "c",
						"client-authentication-method", "tls_client_auth", "ssl-bundle", "bank", "authorization-uri",
						"https://id.corp.example/authorize", "token-uri", "https://id.corp.example/token"),
				bad("auth.providers.corp.issuer-uri", "needs TLS", "corp", "client-id", "c", "issuer-uri",
						"http://id.corp.example", "client-authentication-method", "tls_client_auth", "ssl-bundle",
						"bank"),
				bad("auth.providers.corp.token-uri", "needs TLS", "corp", "client-id", "c", "issuer-uri",
						"https://id.corp.example", "token-uri", "http://gateway.corp.example/token",
						"client-authentication-method", "tls_client_auth", "ssl-bundle", "bank"),
				bad("auth.providers.corp.client-secret", "never sends the client secret", "corp", "client-id", "c",
						"issuer-uri", "https://id.corp.example", "client-authentication-method",
						"self_signed_tls_client_auth", "client-secret", "s", "ssl-bundle", "bank"),
				bad("auth.providers.bank.client-authentication-method", "signs requests with the client key", "bank",
						"client-id", "c", "issuer-uri", "https://id.bank.example", "client-authentication-method",
						"tls_client_auth", "ssl-bundle", "bank", "profile", "fapi2-message-signing"),
				// JAR: one issuer to address, and nothing the object sets itself
				bad("auth.providers.microsoft.tenant", "addressed to one issuer", "microsoft", "client-id", "c",
						"client-authentication-method", "private_key_jwt", "request-object", "signed"),
				bad("auth.providers.corp.authorization-params.request_uri", "cannot carry 'request_uri'", "corp",
						"client-id", "c", "issuer-uri", "https://id.corp.example", "client-authentication-method",
						"private_key_jwt", "request-object", "signed", "authorization-params.request_uri", "urn:x"),
				bad("auth.providers.corp.authorization-params.claims", "claims as a JSON object", "corp", "client-id",
						"c", "issuer-uri", "https://id.corp.example", "client-authentication-method", "private_key_jwt",
						"request-object", "signed", "authorization-params.claims", "not json"),
				bad("auth.providers.google.client-secret", "needs a client secret", "google", "client-id", "c",
						"client-authentication-method", "client_secret_post"),
				bad("auth.providers.google.client-authentication-method", "would never be sent", "google", "client-id",
						"c", "client-secret", "s", "client-authentication-method", "none"),
				bad("auth.providers.google.pkce", "public client", "google", "client-id", "c", "pkce", "false"),
				// a request object of one's own would make PAR push nothing else
				bad("auth.providers.google.authorization-params.request", "set by the login flow", "google",
						"client-id", "c", "client-secret", "s", "authorization-params.request", "eyJ.x.y"),
				bad("auth.providers.google.authorization-params.state", "set by the login flow", "google", "client-id",
						"c", "authorization-params.state", "fixed"),
				bad("auth.providers.corp.issuer-uri", "absolute http or https URL", "corp", "client-id", "c",
						"issuer-uri", "ftp://sso.example.com"),
				bad("auth.providers.corp.end-session-uri", "logout: cognito needs the logout endpoint", "corp",
						"client-id", "c", "issuer-uri", "https://id.example.com", "logout", "cognito"),
				bad("auth.providers.corp.jwk-set-uri", "absolute http or https URL", "corp", "client-id", "c",
						"issuer-uri", "https://sso.example.com", "jwk-set-uri", "keys.json"),
				bad("auth.providers.corp.jwks-max-age", "must be positive", "corp", "client-id", "c", "issuer-uri",
						"https://sso.example.com", "jwks-max-age", "0s"),
				// a multi-tenant Entra app admits every tenant's self-assigned admins
				// unless the application names the tenants
				bad("auth.providers.microsoft.allowed-tenants", "tenant 'common' signs in users of every", "microsoft",
						"client-id", "c", "client-secret", "s"),
				bad("auth.providers.microsoft.allowed-tenants", "tenant 'organizations'", "microsoft", "client-id", "c",
						"client-secret", "s", "tenant", "organizations"),
				bad("auth.providers.microsoft.allowed-tenants", "tenant 'consumers'", "microsoft", "client-id", "c",
						"client-secret", "s", "tenant", "consumers"),
				bad("auth.providers.corp.allowed-tenants", "or \"*\" to admit every tenant", "corp", "preset",
						"microsoft", "client-id", "c", "client-secret", "s", "tenant", "common"),
				bad("auth.providers.github.response-mode", "a signed response is checked against the provider's issuer",
						"github", "client-id", "c", "client-secret", "s", "response-mode", "jwt"),
				bad("auth.providers.corp.response-mode", "set issuer-uri (or issuer and jwk-set-uri)", "corp",
						"client-id", "c", "client-secret", "s", "authorization-uri", "https://a.example.com/authorize",
						"token-uri", "https://a.example.com/token", "jwk-set-uri", "https://a.example.com/keys",
						"response-mode", "query.jwt"),
				bad("auth.providers.bank.pkce", "profile fapi2 needs PKCE", "bank", "client-id", "c", "issuer-uri",
						"https://id.bank.example", "client-authentication-method", "private_key_jwt", "pkce", "false",
						"profile", "fapi2"),
				// FAPI 2.0: nothing weaker than the profile, ever
				bad("auth.providers.bank.client-authentication-method", "profile fapi2 needs private_key_jwt", "bank",
						"client-id", "c", "issuer-uri", "https://id.bank.example", "client-secret", "s", "profile",
						"fapi2"),
				bad("auth.providers.bank.response-mode", "profile fapi2-message-signing takes signed responses (JARM)",
						"bank", "client-id", "c", "issuer-uri", "https://id.bank.example",
						"client-authentication-method", "private_key_jwt", "response-mode", "query", "profile",
						"fapi2-message-signing"),
				bad("auth.providers.bank.client-authentication-method", "profile fapi2 needs private_key_jwt", "bank",
						"client-id", "c", "issuer-uri", "https://id.bank.example", "client-secret", "s", "profile",
						"fapi2-message-signing"),
				// JAR: signed with the client key, addressed to the issuer
				bad("auth.providers.corp.request-object", "signed with the client key of private_key_jwt", "corp",
						"client-id", "c", "client-secret", "s", "issuer-uri", "https://id.corp.example",
						"request-object", "signed"),
				bad("auth.providers.corp.issuer-uri", "a request object is addressed to the provider's issuer", "corp",
						"client-id", "c", "client-authentication-method", "private_key_jwt", "authorization-uri",
						"https://a.example.com/authorize", "token-uri", "https://a.example.com/token", "jwk-set-uri",
						"https://a.example.com/keys", "request-object", "signed"),
				bad("auth.providers.bank.issuer-uri", "profile fapi2 reads what the provider offers", "bank",
						"client-id", "c", "client-authentication-method", "private_key_jwt", "authorization-uri",
						"https://id.bank.example/authorize", "token-uri", "https://id.bank.example/token",
						"jwk-set-uri", "https://id.bank.example/keys", "profile", "fapi2"),
				bad("auth.providers.bank.issuer-uri", "profile fapi2 needs TLS", "bank", "client-id", "c", "issuer-uri",
						"http://id.bank.example", "client-authentication-method", "private_key_jwt", "profile",
						"fapi2"),
				bad("auth.providers.bank.client-assertion-audience", "the client assertion's only audience", "bank",
						"client-id", "c", "issuer-uri", "https://id.bank.example", "client-authentication-method",
						"private_key_jwt", "client-assertion-audience", "token-endpoint", "profile", "fapi2"),
				bad("auth.providers.bank.response-mode", "profile fapi2 takes the authorization response in the query",
						"bank", "client-id", "c", "issuer-uri", "https://id.bank.example",
						"client-authentication-method", "private_key_jwt", "response-mode", "form_post", "profile",
						"fapi2"));
	}

	@Test
	void allowedEmailDomainThatIsNoDomainNameFailsNamingTheProperty() {
		assertThatException()
			.isThrownBy(() -> new AccessRulesMapper(ProviderDefinitionMapperTests
				.bind(Map.of("auth.providers.google.client-id", "c", "auth.providers.google.client-secret", "s",
						"auth.providers.google.allowed-email-domains", "exa mple.com")),
					null)
				.signInRules())
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo("auth.providers.google.allowed-email-domains");
				assertThat(ex.getReason()).contains("is not a domain name");
			});
	}

	@Test
	void multiTenantMicrosoftStartsWhenTheTenantsAreNamedOrEveryOneIsAdmittedExplicitly() {
		for (String allowed : new String[] { "*", "72f988bf-86f1-41af-91ab-2d7cd011db47" }) {
			assertThat(new ProviderDefinitionMapper(ProviderDefinitionMapperTests
				.bind(Map.of("auth.providers.microsoft.client-id", "c", "auth.providers.microsoft.client-secret", "s",
						"auth.providers.microsoft.allowed-tenants", allowed)))
				.definitions()).hasSize(1);
		}
		// one tenant: its own admins, nobody else's
		assertThat(new ProviderDefinitionMapper(ProviderDefinitionMapperTests
			.bind(Map.of("auth.providers.microsoft.client-id", "c", "auth.providers.microsoft.client-secret", "s",
					"auth.providers.microsoft.tenant", "72f988bf-86f1-41af-91ab-2d7cd011db47")))
			.definitions()).hasSize(1);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("badConfigurations")
	void badConfigurationFailsNamingTheProperty(String property, String reason, Map<String, String> properties) {
		assertThatException()
			.isThrownBy(
					() -> new ProviderDefinitionMapper(ProviderDefinitionMapperTests.bind(properties)).definitions())
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo(property);
				assertThat(ex.getReason()).contains(reason);
			});
	}

	@Test
	void startupFailureReportNamesThePropertyAndTheFix(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("auth.providers.okta.client-id=c", "spring.main.banner-mode=off");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The property 'auth.providers.okta.domain' is not set: preset 'okta' needs 'domain'")
			.contains("Set 'auth.providers.okta.domain'")
			.doesNotContain("Invalid value 'null'");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "auth.http.connect-timeout,0s", "auth.http.read-timeout,-1s", "auth.redis.key-prefix,' '" })
	void badGlobalSettingFailsBindingNamingTheProperty(String property, String value, CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("auth.providers.google.client-id=c", property + "=" + value, "spring.main.banner-mode=off");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: " + property)
			.containsAnyOf("must be positive", "must not be blank");
	}

	@Test
	void unknownResponseModeFailsBindingNamingTheProperty(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("auth.providers.google.client-id=c", "auth.providers.google.response-mode=sideways",
					"spring.main.banner-mode=off");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START").contains("auth.providers.google.response-mode");
	}

	@Test
	void unknownLogoutStyleFailsBindingNamingThePropertyAndTheChoices(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("auth.providers.corp.client-id=c", "auth.providers.corp.issuer-uri=https://id.example.com",
					"auth.providers.corp.logout=everywhere", "spring.main.banner-mode=off");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("auth.providers.corp.logout")
			.contains("everywhere");
	}

	@Test
	void invalidValueReportKeepsBootsOriginInformation(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("auth.providers.corp.client-id=c", "auth.providers.corp.preset=facebook",
					"spring.main.banner-mode=off");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("Invalid value 'facebook' for configuration property 'auth.providers.corp.preset'")
			.contains("known presets: google, github, microsoft, okta, auth0, keycloak, apple, gitlab");
	}

	private static Arguments bad(String property, String reason, String id, String... keyValues) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			properties.put("auth.providers." + id + "." + keyValues[i], keyValues[i + 1]);
		}
		return Arguments.of(property, reason, properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AuthProvidersAutoConfiguration.class)
	static class Application {

	}

}
