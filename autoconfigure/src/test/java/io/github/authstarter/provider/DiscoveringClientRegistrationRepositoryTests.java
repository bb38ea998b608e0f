package io.github.authstarter.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.testbed.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProviderRegistrations}.
 */
class DiscoveringClientRegistrationRepositoryTests {

	private final MetadataServer server = new MetadataServer();

	private final MutableClock clock = new MutableClock();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void findByRegistrationIdWhenUnknownThenNull() {
		assertThat(repository(definition("corp", this.server.url())).findByRegistrationId("other")).isNull();
	}

	@Test
	void findByRegistrationIdWhenDiscoveredThenMetadataCompletedByExplicitSettings() {
		String issuer = this.server.url();
		this.server.openIdDocument("/.well-known/openid-configuration", issuer);
		ProviderDefinition definition = definition("corp", issuer,
				ProviderEndpoints.builder().issuer(issuer).token("https://proxy.example.com/token").build());
		ProviderRegistrations repository = repository(definition);
		assertThat(repository.findIfResolved("corp")).isNull();
		ClientRegistration registration = repository.findByRegistrationId("corp");
		assertThat(registration.getProviderDetails().getAuthorizationUri()).isEqualTo(issuer + "/authorize");
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo("https://proxy.example.com/token");
		assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
		assertThat(registration.getProviderDetails().getConfigurationMetadata()).containsEntry("end_session_endpoint",
				issuer + "/logout");
		assertThat(registration.getClientAuthenticationMethod())
			.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		assertThat(registration.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(repository.findIfResolved("corp")).isSameAs(registration);
		assertThat(repository.findByRegistrationId("corp")).isSameAs(registration);
		assertThat(this.server.requests()).isEqualTo(1);
	}

	@Test
	void accountChoiceOnlyForProvidersThatAdvertiseIt() {
		String issuer = this.server.url();
		this.server.openIdDocument("/.well-known/openid-configuration", issuer);
		ProviderRegistrations repository = repository(definition("corp", issuer));
		assertThat(repository.supportsAccountChoice("corp")).as("not discovered yet: no network call").isFalse();
		repository.findByRegistrationId("corp");
		assertThat(repository.supportsAccountChoice("corp")).as("metadata without prompt_values_supported").isFalse();
		this.server.answer("/.well-known/openid-configuration", 200, """
				{"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
				"jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
				"id_token_signing_alg_values_supported":["RS256"],
				"prompt_values_supported":["none","login","select_account"]}""".formatted(issuer));
		ProviderRegistrations advertising = repository(definition("corp", issuer));
		advertising.findByRegistrationId("corp");
		assertThat(advertising.supportsAccountChoice("corp")).isTrue();
		assertThat(advertising.supportsAccountChoice("unknown")).isFalse();
	}

	@Test
	void findByRegistrationIdWhenProviderDownThenFailsFastUntilTheBackoffEnds() {
		String issuer = this.server.url();
		this.server.answer("/.well-known/openid-configuration", 503, "");
		ProviderRegistrations repository = repository(definition("corp", issuer));
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> repository.findByRegistrationId("corp"))
			.withMessageStartingWith("provider 'corp' is unreachable: ")
			.withMessageContaining("answered 503")
			.satisfies((ex) -> assertThat(ex.registrationId()).isEqualTo("corp"));
		this.server.openIdDocument("/.well-known/openid-configuration", issuer);
		this.clock.advance(Duration.ofMillis(500));
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> repository.findByRegistrationId("corp"));
		assertThat(this.server.requests()).isEqualTo(1);
		this.clock.advance(Duration.ofMillis(600));
		assertThat(repository.findByRegistrationId("corp")).isNotNull();
		assertThat(this.server.requests()).isEqualTo(2);
	}

	@Test
	void findByRegistrationIdWhenFailuresRepeatThenBackoffDoublesUpToTheMaximum() {
		this.server.answer("/.well-known/openid-configuration", 500, "");
		ProviderRegistrations repository = repository(definition("corp", this.server.url()));
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> repository.findByRegistrationId("corp"))
			.withMessageContaining("next attempt in 1000 ms");
		this.clock.advance(Duration.ofMillis(1001));
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> repository.findByRegistrationId("corp"))
			.withMessageContaining("next attempt in 2000 ms");
		this.clock.advance(Duration.ofMillis(2001));
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> repository.findByRegistrationId("corp"))
			.withMessageContaining("next attempt in 3000 ms");
	}

	@Test
	void findByRegistrationIdWhenOneProviderIsDownThenOthersStillWork() {
		ProviderDefinition down = definition("down", "http://127.0.0.1:1");
		ProviderDefinition explicit = definition("explicit", null,
				ProviderEndpoints.builder()
					.issuer("https://idp.example.com")
					.authorization("https://idp.example.com/authorize")
					.token("https://idp.example.com/token")
					.jwkSet("https://idp.example.com/jwks")
					.build());
		ProviderRegistrations repository = repository(down, explicit);
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> repository.findByRegistrationId("down"));
		assertThat(repository.findByRegistrationId("explicit").getProviderDetails().getTokenUri())
			.isEqualTo("https://idp.example.com/token");
	}

	@Test
	void holdsIsAnsweredFromMemoryWithoutReadingAStoredDefinition() {
		List<String> read = new ArrayList<>();
		DiscoveringClientRegistrationRepository repository = (DiscoveringClientRegistrationRepository) repository(
				definition("corp", "http://127.0.0.1:1"));
		repository.withStoredProviders("acme"::equals, (id) -> {
			read.add(id);
			return definition(id, "http://127.0.0.1:1");
		}, (tenant) -> List.of());
		assertThat(repository.holds("corp")).isTrue();
		assertThat(repository.holds("acme")).isTrue();
		assertThat(repository.holds("made-up")).isFalse();
		assertThat(read).isEmpty();
		assertThat(repository.discoveryFailure("corp")).isNull();
	}

	@Test
	void templatedIssuerIsKeptOutOfTheRegistrationAndCheckedPerToken() {
		ProviderDefinition microsoft = new ProviderDefinition("microsoft", "Microsoft", ProviderPreset.MICROSOFT,
				"client", "secret", null, ProviderPreset.MICROSOFT.endpoints(PresetSettings.NONE), null, true,
				Set.of("openid"), "sub", "{baseUrl}/login/oauth2/code/{registrationId}", Map.of(), true,
				ResponseMode.QUERY, "organizations");
		ProviderRegistrations repository = repository(microsoft);
		ClientRegistration registration = repository.findByRegistrationId("microsoft");
		assertThat(registration.getProviderDetails().getIssuerUri()).isNull();
		assertThat(registration.getProviderDetails().getConfigurationMetadata()).containsEntry("issuer",
				"https://login.microsoftonline.com/{tenantid}/v2.0");
		assertThat(new IdTokenValidatorFactory(repository, Clock.systemUTC()).apply(registration)
			.validate(IdTokens.withIssuerAndTenant("https://login.microsoftonline.com/t-1/v2.0", "t-1", "client")))
			.satisfies((result) -> assertThat(result.hasErrors()).isFalse());
		assertThat(new IdTokenValidatorFactory(repository, Clock.systemUTC()).apply(registration)
			.validate(IdTokens.withIssuerAndTenant("https://login.microsoftonline.com/t-2/v2.0", "t-1", "client"))
			.hasErrors()).isTrue();
	}

	@Test
	void changedMetadataIsPickedUpAfterTheRefreshIntervalAndKeptWhileTheProviderIsDown() {
		String issuer = this.server.url();
		this.server.openIdDocument("/.well-known/openid-configuration", issuer);
		ProviderRegistrations repository = new DiscoveringClientRegistrationRepository(
				List.of(definition("corp", issuer)),
				new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1))), Duration.ofSeconds(1),
				Duration.ofSeconds(3), Duration.ofHours(1), this.clock);
		assertThat(repository.findByRegistrationId("corp").getProviderDetails().getTokenUri())
			.isEqualTo(issuer + "/token");
		this.server.answer("/.well-known/openid-configuration", 200, """
				{"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/v2/token",
				"jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
				"id_token_signing_alg_values_supported":["RS256"]}
				""".formatted(issuer));
		int requests = this.server.requests();
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(repository.findByRegistrationId("corp").getProviderDetails().getTokenUri())
			.isEqualTo(issuer + "/token");
		assertThat(this.server.requests()).as("no fetch within the interval").isEqualTo(requests);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(repository.findByRegistrationId("corp").getProviderDetails().getTokenUri())
			.isEqualTo(issuer + "/v2/token");
		this.server.answer("/.well-known/openid-configuration", 503, "");
		this.clock.advance(Duration.ofHours(2));
		assertThat(repository.findByRegistrationId("corp").getProviderDetails().getTokenUri())
			.as("kept while the provider is down")
			.isEqualTo(issuer + "/v2/token");
		int afterFailure = this.server.requests();
		repository.findByRegistrationId("corp");
		assertThat(this.server.requests()).as("backs off after a failed refresh").isEqualTo(afterFailure);
	}

	private ProviderRegistrations repository(ProviderDefinition... definitions) {
		return new DiscoveringClientRegistrationRepository(List.of(definitions),
				new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1))), Duration.ofSeconds(1),
				Duration.ofSeconds(3), Duration.ZERO, this.clock);
	}

	static ProviderDefinition definition(String id, String issuer) {
		return definition(id, issuer, ProviderEndpoints.builder().issuer(issuer).build());
	}

	static ProviderDefinition definition(String id, String discoveryLocation, ProviderEndpoints endpoints) {
		return new ProviderDefinition(id, id, null, "client", "secret", null, endpoints, discoveryLocation, true,
				Set.of("openid", "profile"), "sub", "{baseUrl}/login/oauth2/code/{registrationId}", Map.of(), true,
				ResponseMode.QUERY, null);
	}

}
