package io.github.authstarter.provider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProviderPreset}.
 */
class ProviderPresetTests {

	@Test
	void findWhenAnyCaseThenPreset() {
		assertThat(ProviderPreset.find("Microsoft")).isEqualTo(ProviderPreset.MICROSOFT);
		assertThat(ProviderPreset.find("keycloak")).isEqualTo(ProviderPreset.KEYCLOAK);
		assertThat(ProviderPreset.find("corp")).isNull();
	}

	@Test
	void endpointsWhenSettingMissingThenNamesTheSetting() {
		assertThatExceptionOfType(MissingPresetSettingException.class)
			.isThrownBy(() -> ProviderPreset.KEYCLOAK.endpoints(new PresetSettings(null, null, "https://sso", null)))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("realm"));
	}

	@Test
	void httpsBaseWhenBareHostOrTrailingSlashThenNormalized() {
		assertThat(ProviderPreset.httpsBase("dev-1.okta.com/")).isEqualTo("https://dev-1.okta.com");
		assertThat(ProviderPreset.httpsBase("http://localhost:8180//")).isEqualTo("http://localhost:8180");
	}

	@Test
	void aliasDiscoveryLocationOnlyForMicrosoftTenantDomains() {
		assertThat(ProviderPreset.MICROSOFT.aliasDiscoveryLocation(new PresetSettings("contoso.com", null, null, null)))
			.isEqualTo("https://login.microsoftonline.com/contoso.com/v2.0");
		assertThat(ProviderPreset.MICROSOFT.aliasDiscoveryLocation(new PresetSettings("common", null, null, null)))
			.isNull();
		assertThat(ProviderPreset.GOOGLE.aliasDiscoveryLocation(PresetSettings.NONE)).isNull();
	}

}
