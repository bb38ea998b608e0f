package io.github.authstarter.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.access.AccessTokenClaims;
import io.github.authstarter.access.AuthorityRules;
import io.github.authstarter.access.AuthoritySource;
import io.github.authstarter.access.ClaimPath;
import io.github.authstarter.access.ClaimsAuthoritiesMapper;
import io.github.authstarter.access.UserAccess;
import io.github.authstarter.access.UserAccessFixtures;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.KeySetUnavailableException;
import io.github.authstarter.provider.MetadataServer;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;
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
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RefreshTokenGrant} and {@link PendingSignInDecision}: a plain OAuth2
 * provider (no id token), whose user info is the only statement of who the user is, and
 * refreshes whose keys cannot be fetched.
 */
class RefreshTokenGrantTests {

	private static final Instant NOW = Instant.now();

	private static final Duration MAX_AGE = Duration.ofHours(24);

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

	@Test
	void refreshWhenKeysUnavailableAndLastDecisionYoungerThanMaxAgeThenTheDecisionStaysPending() {
		answerWithIdToken();
		SessionUser user = openIdUser(NOW.minus(MAX_AGE).plus(Duration.ofHours(1)));
		assertThatExceptionOfType(RefreshTokenGrant.IdTokenKeysUnavailableException.class)
			.isThrownBy(() -> grant(keysUnavailable(), UserAccessFixtures.defaults(), registration()).refresh(user))
			.satisfies((ex) -> assertThat(ex.rotatedRefreshToken().getTokenValue()).isEqualTo("refresh-2"));
	}

	@Test
	void refreshWhenKeysUnavailableAndLastDecisionOlderThanMaxAgeThenFailsClosed() {
		answerWithIdToken();
		SessionUser user = openIdUser(NOW.minus(MAX_AGE).minus(Duration.ofHours(1)));
		assertThatExceptionOfType(PendingSignInDecision.ExpiredException.class)
			.isThrownBy(() -> grant(keysUnavailable(), UserAccessFixtures.defaults(), registration()).refresh(user));
	}

	@Test
	void refreshWhenAccessTokenKeysUnavailableAndLastDecisionOlderThanMaxAgeThenFailsClosed() {
		String response = "{\"access_token\":\"" + accessTokenNamingKey("k1")
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":300}";
		this.server.answer("/token", 200, response);
		this.server.answer("/user", 200, "{\"id\":\"42\",\"login\":\"octo\"}");
		this.server.answer("/jwks", 503, "");
		AuthorityRules roles = new AuthorityRules(List.of(ClaimPath.parse("roles")),
				List.of(AuthoritySource.ACCESS_TOKEN), "ROLE_", Map.of(), List.of(), false);
		ProviderKeySets keySets = new ProviderKeySets(ProviderHttpClients.withTimeout(Duration.ofSeconds(2)),
				(id) -> Duration.ofSeconds(30), (id) -> MAX_AGE);
		UserAccess access = new UserAccess(new ClaimsAuthoritiesMapper(Map.of("gh", roles)), null, List.of(),
				Map.of("gh", roles), new AccessTokenClaims(keySets));
		ClientRegistration registration = ClientRegistration.withClientRegistration(registration())
			.jwkSetUri(this.server.url() + "/jwks")
			.issuerUri("https://idp.example")
			.build();
		RefreshTokenGrant grant = grant((r) -> {
			throw new IllegalStateException("no id tokens here");
		}, access, registration);
		assertThat(grant.refresh(user(NOW.minus(MAX_AGE).plus(Duration.ofHours(1)))).authorities())
			.as("within the max age the last decision stays")
			.containsExactly("OAUTH2_USER");
		assertThatExceptionOfType(PendingSignInDecision.ExpiredException.class)
			.isThrownBy(() -> grant.refresh(user(NOW.minus(MAX_AGE).minus(Duration.ofHours(1)))));
	}

	private RefreshTokenGrant grant() {
		return grant((r) -> {
			throw new IllegalStateException("no id tokens here");
		}, UserAccessFixtures.defaults(), registration());
	}

	private RefreshTokenGrant grant(JwtDecoderFactory<ClientRegistration> idTokenDecoders, UserAccess access,
			ClientRegistration registration) {
		return new RefreshTokenGrant(new InMemoryClientRegistrationRepository(registration), idTokenDecoders,
				ProviderHttpClients.withTimeout(Duration.ofSeconds(2)), ClientCredentials.NONE, access,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	/** The provider's keys cannot be had, as {@code RateLimitedJwkSource} reports it. */
	private static JwtDecoderFactory<ClientRegistration> keysUnavailable() {
		return (registration) -> (token) -> {
			throw new JwtException("keys unavailable", new KeySetUnavailableException("down", null, MAX_AGE));
		};
	}

	private void answerWithIdToken() {
		String response = "{\"access_token\":\"access-2\",\"token_type\":\"Bearer\",\"expires_in\":300,"
				+ "\"refresh_token\":\"refresh-2\",\"id_token\":\"new.id.token\"}";
		this.server.answer("/token", 200, response);
	}

	/** A JWT access token whose signature is never reached: its key cannot be fetched. */
	private static String accessTokenNamingKey(String keyId) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String header = "{\"alg\":\"RS256\",\"kid\":\"" + keyId + "\"}";
		String claims = "{\"iss\":\"https://idp.example\",\"sub\":\"42\"}";
		return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString("signature".getBytes(StandardCharsets.UTF_8));
	}

	private ClientRegistration registration() {
		return ClientRegistration.withRegistrationId("gh")
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
	}

	private static SessionUser user() {
		return user(NOW);
	}

	private static SessionUser user(Instant signedInAt) {
		DefaultOAuth2User principal = new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")),
				Map.of("id", "42", "login", "octo"), "id");
		return SessionUser.of(new OAuth2AuthenticationToken(principal, principal.getAuthorities(), "gh"), "id",
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-1", NOW, NOW.plusSeconds(10),
						Set.of("read:user")),
				new OAuth2RefreshToken("refresh-1", NOW), signedInAt);
	}

	/** An OpenID user whose id token was last checked, and the policy applied, then. */
	private static SessionUser openIdUser(Instant lastChecked) {
		OidcIdToken idToken = new OidcIdToken("id-1", lastChecked, lastChecked.plusSeconds(300),
				Map.of("sub", "42", "iss", "https://idp.example"));
		DefaultOidcUser principal = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), idToken);
		return SessionUser.of(new OAuth2AuthenticationToken(principal, principal.getAuthorities(), "gh"), "sub",
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-1", NOW, NOW.plusSeconds(10),
						Set.of("openid")),
				new OAuth2RefreshToken("refresh-1", NOW), lastChecked);
	}

}
