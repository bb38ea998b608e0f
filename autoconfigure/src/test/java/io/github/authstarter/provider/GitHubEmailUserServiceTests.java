package io.github.authstarter.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.OAuth2User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GitHubEmailUserService}.
 */
class GitHubEmailUserServiceTests {

	private final MetadataServer server = new MetadataServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void loadUserWhenEmailPrivateThenPrimaryVerifiedEmailAdded() {
		this.server.answer("/user", 200, "{\"id\":42,\"login\":\"octo\",\"email\":null}");
		this.server.answer("/user/emails", 200, """
				[{"email":"old@example.com","primary":false,"verified":true},
				 {"email":"unverified@example.com","primary":true,"verified":false},
				 {"email":"octo@example.com","primary":true,"verified":true}]
				""");
		OAuth2User user = load(ProviderPreset.GITHUB);
		assertThat(user.getName()).isEqualTo("42");
		assertThat((String) user.getAttribute("email")).isEqualTo("octo@example.com");
		assertThat((Object) user.getAttribute("email_verified")).isEqualTo(true);
		assertThat((String) user.getAttribute("login")).isEqualTo("octo");
	}

	@Test
	void loadUserWhenEmailPublicAndVerifiedThenMarkedVerified() {
		this.server.answer("/user", 200, "{\"id\":42,\"email\":\"Public@example.com\"}");
		this.server.answer("/user/emails", 200, """
				[{"email":"public@example.com","primary":false,"verified":true}]
				""");
		OAuth2User user = load(ProviderPreset.GITHUB);
		assertThat((String) user.getAttribute("email")).isEqualTo("Public@example.com");
		assertThat((Object) user.getAttribute("email_verified")).isEqualTo(true);
	}

	@Test
	void loadUserWhenEmailPublicButNotAmongTheVerifiedThenNotMarkedVerified() {
		// GitHub Enterprise Server, or a profile address GitHub has not verified: only
		// /user/emails says what is verified
		this.server.answer("/user", 200, "{\"id\":42,\"email\":\"boss@example.com\"}");
		this.server.answer("/user/emails", 200, """
				[{"email":"boss@example.com","primary":true,"verified":false},
				 {"email":"me@example.org","primary":false,"verified":true}]
				""");
		OAuth2User user = load(ProviderPreset.GITHUB);
		assertThat((String) user.getAttribute("email")).isEqualTo("boss@example.com");
		assertThat((Object) user.getAttribute("email_verified")).isNull();
	}

	@Test
	void loadUserWhenEmailPublicAndEmailsUnreadableThenNotMarkedVerified() {
		this.server.answer("/user", 200, "{\"id\":42,\"email\":\"public@example.com\"}");
		this.server.answer("/user/emails", 403, "{\"message\":\"forbidden\"}");
		OAuth2User user = load(ProviderPreset.GITHUB);
		assertThat((String) user.getAttribute("email")).isEqualTo("public@example.com");
		assertThat((Object) user.getAttribute("email_verified")).isNull();
	}

	@Test
	void loadUserWhenEmailsUnreadableThenUserWithoutEmail() {
		this.server.answer("/user", 200, "{\"id\":42,\"email\":null}");
		this.server.answer("/user/emails", 403, "{\"message\":\"forbidden\"}");
		OAuth2User user = load(ProviderPreset.GITHUB);
		assertThat(user.getName()).isEqualTo("42");
		assertThat((Object) user.getAttribute("email")).isNull();
	}

	@Test
	void loadUserWhenEmailsEndpointStallsThenGivesUpAfterTheTimeout() {
		this.server.answer("/user", 200, "{\"id\":42,\"email\":null}");
		// it would answer with an email, but only long after the timeout
		this.server.answerSlowly("/user/emails", 200,
				"[{\"email\":\"late@example.com\",\"primary\":true,\"verified\":true}]", Duration.ofSeconds(3));
		OAuth2User user = load(ProviderPreset.GITHUB, Duration.ofMillis(300));
		assertThat(user.getName()).isEqualTo("42");
		assertThat((Object) user.getAttribute("email")).isNull();
	}

	@Test
	void loadUserWhenNotGitHubThenAttributesUntouched() {
		this.server.answer("/user", 200, "{\"id\":42,\"email\":null}");
		assertThat((Object) load(null).getAttribute("email")).isNull();
		assertThat(this.server.requests()).isEqualTo(1);
	}

	private OAuth2User load(ProviderPreset preset) {
		return load(preset, Duration.ofSeconds(5));
	}

	private OAuth2User load(ProviderPreset preset, Duration timeout) {
		ProviderEndpoints endpoints = ProviderEndpoints.builder()
			.authorization(this.server.url() + "/authorize")
			.token(this.server.url() + "/token")
			.userInfo(this.server.url() + "/user")
			.build();
		ProviderDefinition definition = new ProviderDefinition("gh", "GitHub", preset, "client", "secret", null,
				endpoints, null, true, Set.of("read:user"), "id", "{baseUrl}/login/oauth2/code/{registrationId}",
				Map.of(), true, ResponseMode.QUERY, null);
		ProviderRegistrations repository = new DiscoveringClientRegistrationRepository(List.of(definition),
				new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1))), Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC());
		ClientRegistration registration = repository.findByRegistrationId("gh");
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", Instant.now(),
				Instant.now().plusSeconds(60));
		return new GitHubEmailUserService(new DefaultOAuth2UserService(), repository,
				ProviderHttpClients.withTimeout(timeout))
			.loadUser(new OAuth2UserRequest(registration, token));
	}

}
