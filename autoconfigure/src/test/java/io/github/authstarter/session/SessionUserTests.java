package io.github.authstarter.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SessionUser}: the JSON round trip of the session record.
 */
class SessionUserTests {

	private static final Instant IAT = Instant.parse("2026-11-22T08:00:00Z");

	private final OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-1", IAT,
			IAT.plusSeconds(300), Set.of("openid", "email"));

	private final OAuth2RefreshToken refresh = new OAuth2RefreshToken("refresh-1", IAT);

	@Test
	void jsonRoundTripWhenOpenIdUserThenSameIdentityAndTokens() throws Exception {
		OidcIdToken idToken = OidcIdToken.withTokenValue("id-1")
			.issuer("https://idp.example.com")
			.subject("alice")
			.audience(List.of("client"))
			.issuedAt(IAT)
			.expiresAt(IAT.plusSeconds(600))
			.claim("name", "Alice")
			.claim("groups", List.of("a", "b"))
			.claim("address", Map.of("country", "NL"))
			.build();
		OidcUser user = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), idToken,
				new OidcUserInfo(Map.of("sub", "alice", "email", "alice@example.com")), "sub");
		SessionUser record = SessionUser.of(new OAuth2AuthenticationToken(user, user.getAuthorities(), "corp"), "sub",
				this.access, this.refresh, IAT);
		String json = record.toJson();
		assertThat(json).doesNotContain("java.").doesNotContain("org.springframework").doesNotContain("@class");
		SessionUser read = SessionUser.fromJson(json);
		OAuth2AuthenticationToken authentication = read.authentication();
		assertThat(authentication.getAuthorizedClientRegistrationId()).isEqualTo("corp");
		assertThat(authentication.getName()).isEqualTo("alice");
		OidcUser principal = (OidcUser) authentication.getPrincipal();
		assertThat(principal.getIdToken().getTokenValue()).isEqualTo("id-1");
		assertThat(principal.getIssuer().toString()).isEqualTo("https://idp.example.com");
		assertThat(principal.getExpiresAt()).isEqualTo(IAT.plusSeconds(600));
		assertThat(principal.getEmail()).isEqualTo("alice@example.com");
		assertThat((String) principal.getAttribute("name")).isEqualTo("Alice");
		assertThat(principal.<List<String>>getAttribute("groups")).containsExactly("a", "b");
		assertThat(principal.getAuthorities()).extracting("authority").containsExactly("OIDC_USER");
		assertThat(read.accessToken().getTokenValue()).isEqualTo("access-1");
		assertThat(read.accessToken().getExpiresAt()).isEqualTo(IAT.plusSeconds(300));
		assertThat(read.accessToken().getScopes()).containsExactlyInAnyOrder("openid", "email");
		assertThat(read.refreshToken().getTokenValue()).isEqualTo("refresh-1");
		assertThat(read.authenticatedAt()).isEqualTo(IAT);
		assertThat(SessionUser.fromJson(read.toJson())).isEqualTo(read);
	}

	@Test
	void jsonRoundTripWhenOAuth2OnlyUserThenAttributesKept() {
		DefaultOAuth2User user = new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")),
				Map.of("id", 42, "login", "octo"), "id");
		SessionUser record = SessionUser.of(new OAuth2AuthenticationToken(user, user.getAuthorities(), "github"), "id",
				this.access, null, IAT);
		SessionUser read = SessionUser.fromJson(record.toJson());
		assertThat(read.idToken()).isNull();
		assertThat(read.refreshToken()).isNull();
		assertThat(read.authentication().getName()).isEqualTo("42");
		assertThat((String) read.authentication().getPrincipal().getAttribute("login")).isEqualTo("octo");
	}

	@Test
	void toStringRevealsNoToken() {
		DefaultOAuth2User user = new DefaultOAuth2User(List.of(), Map.of("id", 1), "id");
		SessionUser record = SessionUser.of(new OAuth2AuthenticationToken(user, List.of(), "github"), "id", this.access,
				this.refresh, IAT);
		assertThat(record.toString()).doesNotContain("access-1").doesNotContain("refresh-1");
	}

	@Test
	void fromJsonWhenUnreadableThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> SessionUser.fromJson("{\"v\":99}"));
		assertThatIllegalArgumentException().isThrownBy(() -> SessionUser.fromJson("["));
	}

}
