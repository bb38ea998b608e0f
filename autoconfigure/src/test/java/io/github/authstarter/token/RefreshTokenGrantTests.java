package io.github.authstarter.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.provider.MetadataServer;
import io.github.authstarter.session.SessionUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RefreshTokenGrant} with a plain OAuth2 provider (no id token), whose
 * user info is the only statement of who the user is.
 */
class RefreshTokenGrantTests {

	private static final Instant NOW = Instant.now();

	private final MetadataServer server = new MetadataServer();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void refreshWhenUserInfoNamesAnotherUserThenStillTheSameUser() {
		this.server.answer("/token", 200,
				"{\"access_token\":\"access-2\",\"token_type\":\"Bearer\",\"expires_in\":300}");
		this.server.answer("/user", 200, "{\"id\":\"43\",\"login\":\"mallory\"}");
		SessionUser refreshed = grant().refresh(user());
		assertThat(refreshed.subject()).isEqualTo("42");
		assertThat(refreshed.claims()).containsEntry("login", "octo");
		assertThat(refreshed.accessToken().getTokenValue()).isEqualTo("access-2");
	}

	@Test
	void refreshWhenUserInfoNamesTheSameUserThenAttributesFollowTheProvider() {
		this.server.answer("/token", 200,
				"{\"access_token\":\"access-2\",\"token_type\":\"Bearer\",\"expires_in\":300}");
		this.server.answer("/user", 200, "{\"id\":\"42\",\"login\":\"octo-renamed\"}");
		SessionUser refreshed = grant().refresh(user());
		assertThat(refreshed.subject()).isEqualTo("42");
		assertThat(refreshed.claims()).containsEntry("login", "octo-renamed");
	}

	private RefreshTokenGrant grant() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("gh")
			.clientId("client")
			.clientSecret("secret")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.authorizationUri(this.server.url() + "/authorize")
			.tokenUri(this.server.url() + "/token")
			.userInfoUri(this.server.url() + "/user")
			.userNameAttributeName("id")
			.scope("read:user")
			.build();
		return new RefreshTokenGrant(new InMemoryClientRegistrationRepository(registration), (r) -> {
			throw new IllegalStateException("no id tokens here");
		}, io.github.authstarter.provider.ProviderHttpClients.withTimeout(Duration.ofSeconds(2)),
				io.github.authstarter.access.UserAccessFixtures.defaults());
	}

	private static SessionUser user() {
		DefaultOAuth2User principal = new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")),
				Map.of("id", "42", "login", "octo"), "id");
		return SessionUser.of(new OAuth2AuthenticationToken(principal, principal.getAuthorities(), "gh"), "id",
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-1", NOW, NOW.plusSeconds(10),
						Set.of("read:user")),
				new OAuth2RefreshToken("refresh-1", NOW), NOW);
	}

}
