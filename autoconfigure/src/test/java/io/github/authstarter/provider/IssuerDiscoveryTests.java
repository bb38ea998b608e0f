package io.github.authstarter.provider;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IssuerDiscovery}.
 */
class IssuerDiscoveryTests {

	private final MetadataServer server = new MetadataServer();

	private final IssuerDiscovery discovery = new IssuerDiscovery(
			ProviderHttpClients.withTimeout(Duration.ofSeconds(1)));

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void discoverWhenOpenIdDocumentThenItsMetadata() {
		String issuer = this.server.url() + "/realms/corp";
		this.server.openIdDocument("/realms/corp/.well-known/openid-configuration", issuer);
		Map<String, Object> metadata = this.discovery.discover("corp", issuer, true);
		assertThat(metadata).containsEntry("issuer", issuer).containsEntry("jwks_uri", issuer + "/jwks");
	}

	@Test
	void discoverWhenOnlyAuthorizationServerMetadataThenRfc8414Location() {
		String issuer = this.server.url() + "/tenant";
		this.server.openIdDocument("/.well-known/oauth-authorization-server/tenant", issuer);
		assertThat(this.discovery.discover("corp", issuer, true)).containsEntry("issuer", issuer);
	}

	@Test
	void discoverWhenIssuerDiffersThenFailsNamingIssuerUri() {
		String issuer = this.server.url();
		this.server.openIdDocument("/.well-known/openid-configuration", "https://evil.example.com");
		assertThatExceptionOfType(IssuerDiscovery.DiscoveryException.class)
			.isThrownBy(() -> this.discovery.discover("corp", issuer, true))
			.withMessageContaining("names another issuer")
			.withMessageContaining("issuer-uri");
	}

	@Test
	void discoverWhenIssuerIsAnAliasThenDocumentIssuerIsAccepted() {
		String alias = this.server.url() + "/contoso.example.com/v2.0";
		this.server.openIdDocument("/contoso.example.com/v2.0/.well-known/openid-configuration",
				"https://login.example.com/1234/v2.0");
		assertThat(this.discovery.discover("corp", alias, false)).containsEntry("issuer",
				"https://login.example.com/1234/v2.0");
	}

	@Test
	void discoverWhenTrailingSlashDiffersThenAccepted() {
		String issuer = this.server.url() + "/";
		this.server.openIdDocument("/.well-known/openid-configuration", this.server.url());
		assertThat(this.discovery.discover("corp", issuer, true)).containsKey("issuer");
	}

	@Test
	void discoverWhenNothingThereThenFails() {
		assertThatExceptionOfType(IssuerDiscovery.DiscoveryException.class)
			.isThrownBy(() -> this.discovery.discover("corp", this.server.url() + "/nothing", true))
			.withMessageContaining("no OpenID or OAuth 2.0 metadata");
	}

	@Test
	void discoverWhenServerErrorThenFailsWithStatus() {
		this.server.answer("/.well-known/openid-configuration", 502, "bad gateway");
		assertThatExceptionOfType(IssuerDiscovery.DiscoveryException.class)
			.isThrownBy(() -> this.discovery.discover("corp", this.server.url(), true))
			.withMessageContaining("answered 502");
	}

	@Test
	void discoverWhenNotJsonThenFails() {
		this.server.answer("/.well-known/openid-configuration", 200, "<html>login</html>");
		assertThatExceptionOfType(IssuerDiscovery.DiscoveryException.class)
			.isThrownBy(() -> this.discovery.discover("corp", this.server.url(), true))
			.withMessageContaining("not a JSON document");
	}

	@Test
	void discoverWhenHugeThenFails() {
		this.server.answer("/.well-known/openid-configuration", 200, "{\"a\":\"" + "x".repeat(600_000) + "\"}");
		assertThatExceptionOfType(IssuerDiscovery.DiscoveryException.class)
			.isThrownBy(() -> this.discovery.discover("corp", this.server.url(), true))
			.withMessageContaining("larger than");
	}

}
