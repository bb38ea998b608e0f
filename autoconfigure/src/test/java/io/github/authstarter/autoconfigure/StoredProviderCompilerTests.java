package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.github.authstarter.provider.ProviderPreset;
import io.github.authstarter.tenant.InvalidProviderException;
import io.github.authstarter.tenant.StoredProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StoredProviderCompiler}.
 */
class StoredProviderCompilerTests {

	private final StoredProviderCompiler compiler = new StoredProviderCompiler(ProviderDefinitionMapperTests.bind(
			Map.of("auth.providers.corp.client-id", "c", "auth.providers.corp.issuer-uri", "https://corp.example.com")),
			Clock.systemUTC());

	private final StoredProviderCompiler development = new StoredProviderCompiler(ProviderDefinitionMapperTests
		.bind(Map.of("auth.providers.corp.client-id", "c", "auth.providers.corp.issuer-uri", "https://corp.example.com",
				"auth.provider-store.allow-loopback", "true")),
			Clock.systemUTC());

	@Test
	void storedProviderCompilesLikeItsProperties() {
		CompiledProvider compiled = this.compiler.compile(StoredProvider.of("acme", "acme-corp",
				Map.of("issuer-uri", "https://login.acme.example", "client-id", "acme", "client-secret", "s3cret",
						"scopes", "openid,email", "authorities.claims", "roles", "allowed-email-domains",
						"acme.example", "apis.orders.audience", "https://orders.acme.example", "apis.orders.scopes",
						"orders.read", "apis.orders.base-url", "https://orders.acme.example/v1")));
		assertThat(compiled.definition().registrationId()).isEqualTo("acme");
		assertThat(compiled.definition().discoveryLocation()).isEqualTo("https://login.acme.example");
		assertThat(compiled.definition().scopes()).contains("openid", "email");
		assertThat(compiled.definition().clientSecret()).isEqualTo("s3cret");
		assertThat(compiled.signInRules().allowedEmailDomains()).containsExactly("acme.example");
		assertThat(compiled.authorityRules().claims()).hasSize(1);
		assertThat(compiled.apis()).extracting("name").containsExactly("orders");
		assertThat(compiled.summary().tenant()).isEqualTo("acme-corp");
	}

	@Test
	void presetsWorkAsTheyDoInProperties() {
		CompiledProvider compiled = this.compiler.compile(StoredProvider.of("contoso", null, Map.of("preset",
				"microsoft", "tenant", "contoso.onmicrosoft.com", "client-id", "c", "client-secret", "s")));
		assertThat(compiled.definition().preset()).isEqualTo(ProviderPreset.MICROSOFT);
	}

	@Test
	void missingSettingIsNamed() {
		assertRefused(Map.of("issuer-uri", "https://login.acme.example"), "client-id");
	}

	@Test
	void unknownSettingIsNamed() {
		assertRefused(Map.of("issuer-uri", "https://login.acme.example", "client-id", "c", "scope", "openid"), "scope");
	}

	@Test
	void unreadableValueIsNamed() {
		assertRefused(Map.of("issuer-uri", "https://login.acme.example", "client-id", "c", "jwks-max-age", "often"),
				"jwks-max-age");
	}

	@Test
	void settingsThatNameServerFilesAreRefused() {
		for (String setting : new String[] { "client-key.location", "client-key.bundle", "private-key", "ssl-bundle",
				"apis.orders.ssl-bundle" }) {
			Map<String, String> settings = new HashMap<>(
					Map.of("issuer-uri", "https://login.acme.example", "client-id", "c"));
			settings.put(setting, "file:/etc/passwd");
			assertRefused(settings, setting);
		}
	}

	@Test
	void addressesTheServerCallsAreHttpsButOnThisMachine() {
		assertRefused(Map.of("issuer-uri", "http://idp.internal", "client-id", "c"), "issuer-uri");
		assertRefused(
				Map.of("issuer-uri", "https://idp.example.com", "token-uri", "http://10.0.0.1/token", "client-id", "c"),
				"token-uri");
		assertRefused(Map.of("issuer-uri", "https://idp.example.com", "client-id", "c", "apis.orders.base-url",
				"http://orders.internal", "apis.orders.audience", "orders"), "apis.orders.base-url");
		assertRefused(Map.of("issuer-uri", "http://localhost:9000", "client-id", "c"), "issuer-uri");
		assertRefused(Map.of("issuer-uri", "https://127.0.0.1:9000", "client-id", "c"), "issuer-uri");
		assertThat(this.development
			.compile(StoredProvider.of("dev", null, Map.of("issuer-uri", "http://localhost:9000", "client-id", "c")))
			.definition()
			.discoveryLocation()).isEqualTo("http://localhost:9000");
	}

	@Test
	void addressesOfPrivateNetworksAreRefusedAfterThePresetMadeThem() {
		for (String address : new String[] { "https://10.0.0.5", "https://192.168.1.1", "https://169.254.169.254",
				"https://[fd00::1]", "https://[fe80::1]", "https://0.0.0.0" }) {
			assertRefused(Map.of("issuer-uri", address, "client-id", "c"), "issuer-uri");
		}
		// the preset turns the domain into its issuer: checked as the server will call it
		assertRefused(
				Map.of("preset", "okta", "domain", "http://169.254.169.254", "client-id", "c", "client-secret", "s"),
				"domain");
	}

	@Test
	void relaxedNamesThatWouldSlipPastTheChecksAreRefused() {
		for (String name : new String[] { "clientKey.location", "client_key.location", "client-key[location]",
				"clientSecret", "issuerUri", "Client-Id", "privateKey", "sslBundle", "clientsecret", "redirecturi",
				"clientkey.location", "jwksrefetchinterval" }) {
			Map<String, String> settings = new HashMap<>(
					Map.of("issuer-uri", "https://login.acme.example", "client-id", "c"));
			settings.put(name, "file:/etc/passwd");
			assertThatExceptionOfType(InvalidProviderException.class)
				.isThrownBy(() -> this.compiler.compile(StoredProvider.of("acme", null, settings)))
				.as(name);
		}
		// a map's key keeps its own spelling, in brackets
		assertThat(this.compiler
			.compile(StoredProvider.of("acme", null,
					Map.of("issuer-uri", "https://login.acme.example", "client-id", "c",
							"authorization-params[domain_hint]", "acme.example")))
			.definition()
			.authorizationParameters()).containsEntry("domain_hint", "acme.example");
	}

	@Test
	void mapKeysKeepTheirOwnCharactersAndLogosAreHttpsOnly() {
		assertThat(
				this.compiler
					.compile(StoredProvider.of("acme", null,
							Map.of("issuer-uri", "https://login.acme.example", "client-id", "c", "authorities.claims",
									"groups", "authorities.mapping[/acme/admins]", "admin")))
					.authorityRules()
					.mapping())
			.containsEntry("/acme/admins", "admin");
		assertRefused(Map.of("issuer-uri", "https://login.acme.example", "client-id", "c", "logo", "/auth/login/x"),
				"logo");
	}

	@Test
	void callbackAndKeySetLimitsAreTheStartersOwn() {
		assertRefused(Map.of("issuer-uri", "https://login.acme.example", "client-id", "c", "redirect-uri",
				"https://other-tenant.example.com/login/oauth2/code/x"), "redirect-uri");
		assertRefused(
				Map.of("issuer-uri", "https://login.acme.example", "client-id", "c", "jwks-refetch-interval", "0s"),
				"jwks-refetch-interval");
		assertRefused(Map.of("issuer-uri", "https://login.acme.example", "client-id", "c", "jwks-max-age", "1ms"),
				"jwks-max-age");
	}

	@Test
	void idsAreUrlSafeAndNotThoseOfProperties() {
		StoredProvider valid = StoredProvider.of("x", null,
				Map.of("issuer-uri", "https://login.acme.example", "client-id", "c"));
		for (String id : new String[] { "Upper", "a.b", "-lead", "", "a/b", "a".repeat(64) }) {
			assertThatExceptionOfType(InvalidProviderException.class)
				.isThrownBy(() -> this.compiler.compile(new StoredProvider(id, null, true, valid.settings(), 0)))
				.satisfies((ex) -> assertThat(ex.getSetting()).isNull());
		}
		assertThatExceptionOfType(InvalidProviderException.class)
			.isThrownBy(() -> this.compiler.compile(new StoredProvider("corp", null, true, valid.settings(), 0)))
			.withMessageContaining("auth.providers.corp");
	}

	@Test
	void tenantIsAShortLowercaseName() {
		for (String tenant : new String[] { "<script>", "Acme", "a".repeat(129) }) {
			assertThatExceptionOfType(InvalidProviderException.class)
				.isThrownBy(() -> this.compiler.compile(new StoredProvider("acme", tenant, true,
						Map.of("issuer-uri", "https://login.acme.example", "client-id", "c"), 0)))
				.as(tenant);
		}
	}

	@Test
	void secretNeverAppearsInTheProviderText() {
		StoredProvider provider = StoredProvider.of("acme", null,
				Map.of("issuer-uri", "https://login.acme.example", "client-id", "c", "client-secret", "s3cret"));
		assertThat(provider.toString()).doesNotContain("s3cret");
	}

	private void assertRefused(Map<String, String> settings, String setting) {
		assertThatExceptionOfType(InvalidProviderException.class)
			.isThrownBy(() -> this.compiler.compile(StoredProvider.of("acme", null, settings)))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo(setting);
				assertThat(ex.getProviderId()).isEqualTo("acme");
			});
	}

}
