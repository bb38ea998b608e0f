package io.github.authstarter.provider;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientAssertionAudience}: the issuer unless a preset's provider
 * requires the token endpoint, an explicit choice wins, and without a known issuer the
 * token endpoint, said at startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientAssertionAudienceTests {

	private static final PresetSettings SETTINGS = new PresetSettings("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
			"idp.example.com", "https://sso.example.com", "corp");

	private static final ProviderEndpoints EXPLICIT = ProviderEndpoints.builder()
		.authorization("https://sso.example.com/authorize")
		.token("https://sso.example.com/token")
		.jwkSet("https://sso.example.com/keys")
		.build();

	@Test
	void clientAssertionAudienceWhenAPresetThenTheTokenEndpointOnlyWhereTheProviderRequiresIt() {
		Map<ProviderPreset, ClientAssertionAudience> expected = Map.of(ProviderPreset.MICROSOFT,
				ClientAssertionAudience.TOKEN_ENDPOINT, ProviderPreset.OKTA, ClientAssertionAudience.TOKEN_ENDPOINT,
				ProviderPreset.AUTH0, ClientAssertionAudience.ISSUER, ProviderPreset.KEYCLOAK,
				ClientAssertionAudience.ISSUER, ProviderPreset.GOOGLE, ClientAssertionAudience.ISSUER,
				ProviderPreset.GITHUB, ClientAssertionAudience.ISSUER, ProviderPreset.APPLE,
				ClientAssertionAudience.ISSUER, ProviderPreset.GITLAB, ClientAssertionAudience.ISSUER);
		assertThat(expected).containsOnlyKeys(ProviderPreset.values());
		for (ProviderPreset preset : ProviderPreset.values()) {
			assertThat(preset.clientAssertionAudience()).as(preset.id()).isEqualTo(expected.get(preset));
		}
	}

	@Test
	void ofWhenNotConfiguredThenThePresetsChoiceWhereItsIssuerIsKnown(CapturedOutput output) {
		for (ProviderPreset preset : ProviderPreset.values()) {
			ClientAssertionAudience expected = switch (preset) {
				case MICROSOFT, OKTA -> ClientAssertionAudience.TOKEN_ENDPOINT;
				// GitHub names no issuer (nor takes assertions)
				case GITHUB -> ClientAssertionAudience.TOKEN_ENDPOINT;
				default -> ClientAssertionAudience.ISSUER;
			};
			ProviderDefinition provider = provider(preset.id(), preset, preset.endpoints(SETTINGS), null);
			assertThat(ClientAssertionAudience.of(null, provider)).as(preset.id()).isEqualTo(expected);
		}
		assertThat(output).contains("Provider 'github'")
			.doesNotContain("Provider 'microsoft'")
			.doesNotContain("Provider 'okta'")
			.doesNotContain("Provider 'auth0'");
	}

	@Test
	void ofWhenConfiguredThenTheConfiguredOneWins() {
		ProviderDefinition auth0 = provider("auth0", ProviderPreset.AUTH0, ProviderPreset.AUTH0.endpoints(SETTINGS),
				null);
		assertThat(ClientAssertionAudience.of(ClientAssertionAudience.TOKEN_ENDPOINT, auth0))
			.isEqualTo(ClientAssertionAudience.TOKEN_ENDPOINT);
		ProviderDefinition entra = provider("microsoft", ProviderPreset.MICROSOFT,
				ProviderPreset.MICROSOFT.endpoints(SETTINGS), null);
		assertThat(ClientAssertionAudience.of(ClientAssertionAudience.ISSUER, entra))
			.isEqualTo(ClientAssertionAudience.ISSUER);
		ProviderDefinition discovered = provider("corp", null, ProviderEndpoints.NONE,
				"https://sso.example.com/realms/corp");
		assertThat(ClientAssertionAudience.of(ClientAssertionAudience.TOKEN_ENDPOINT, discovered))
			.isEqualTo(ClientAssertionAudience.TOKEN_ENDPOINT);
	}

	@Test
	void ofWhenAProviderWithoutPresetHasAnIssuerThenTheIssuer(CapturedOutput output) {
		ProviderDefinition discovered = provider("corp", null, ProviderEndpoints.NONE,
				"https://sso.example.com/realms/corp");
		assertThat(ClientAssertionAudience.of(null, discovered)).isEqualTo(ClientAssertionAudience.ISSUER);
		ProviderEndpoints withIssuer = ProviderEndpoints.builder()
			.issuer("https://sso.example.com")
			.authorization(EXPLICIT.authorization())
			.token(EXPLICIT.token())
			.jwkSet(EXPLICIT.jwkSet())
			.build();
		assertThat(ClientAssertionAudience.of(null, provider("corp", null, withIssuer, null)))
			.isEqualTo(ClientAssertionAudience.ISSUER);
		assertThat(output).doesNotContain("Provider 'corp'");
	}

	@Test
	void ofWhenNoIssuerIsKnownThenTheTokenEndpointAndAStartupLogLine(CapturedOutput output) {
		assertThat(ClientAssertionAudience.of(null, provider("corp", null, EXPLICIT, null)))
			.isEqualTo(ClientAssertionAudience.TOKEN_ENDPOINT);
		assertThat(output).contains("Provider 'corp' signs client assertions for its token endpoint")
			.contains("auth.providers.corp.issuer");
		// a multi-tenant issuer names no one issuer an assertion could be for
		ProviderDefinition common = provider("entra", ProviderPreset.MICROSOFT,
				ProviderPreset.MICROSOFT.endpoints(new PresetSettings("common", null, null, null)), null);
		assertThat(ClientAssertionAudience.of(ClientAssertionAudience.ISSUER, common))
			.isEqualTo(ClientAssertionAudience.TOKEN_ENDPOINT);
		assertThat(output).contains("Provider 'entra' signs client assertions for its token endpoint");
	}

	private static ProviderDefinition provider(String id, @Nullable ProviderPreset preset, ProviderEndpoints endpoints,
			@Nullable String discoveryLocation) {
		return new ProviderDefinition(id, id, preset, "client", null, ClientAuthenticationMethod.PRIVATE_KEY_JWT,
				endpoints, discoveryLocation, true, Set.of("openid"), "sub",
				"{baseUrl}/login/oauth2/code/{registrationId}", Map.of(), true, ResponseMode.QUERY, null);
	}

}
