package io.github.authstarter.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.converter.ClaimTypeConverter;
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
	void apiTokensAreKeptSealedPerApiAndReadBack() {
		DefaultOAuth2User user = new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")),
				Map.of("id", 42), "id");
		OAuth2AccessToken graph = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "graph-token", IAT,
				IAT.plusSeconds(3600), Set.of("User.Read"));
		OAuth2RefreshToken rotated = new OAuth2RefreshToken("refresh-2", IAT);
		SessionUser record = SessionUser
			.of(new OAuth2AuthenticationToken(user, user.getAuthorities(), "corp"), "id", this.access, this.refresh,
					IAT)
			.withApiToken("graph", graph, rotated);
		TokenCipher cipher = new AesGcmTokenCipher(new byte[32], List.of());
		String json = record.toJson(cipher);
		assertThat(json).doesNotContain("graph-token").contains("\"apiTokens\"");
		SessionUser read = SessionUser.fromJson(json, cipher);
		assertThat(read.apiTokens()).containsOnlyKeys("graph");
		assertThat(read.apiTokens().get("graph").getTokenValue()).isEqualTo("graph-token");
		assertThat(read.apiTokens().get("graph").getExpiresAt()).isEqualTo(IAT.plusSeconds(3600));
		assertThat(read.apiTokens().get("graph").getScopes()).containsExactly("User.Read");
		assertThat(read.refreshToken().getTokenValue()).as("the grant's rotated refresh token").isEqualTo("refresh-2");
		assertThat(read.accessToken().getTokenValue()).isEqualTo("access-1");
		// a main refresh keeps the API tokens; version 1 records carry them too
		assertThat(read.refreshed(this.access, rotated, null, null, read.attributes()).apiTokens())
			.containsOnlyKeys("graph");
		assertThat(SessionUser.fromJson(record.toJson(TokenCipher.NONE, false)).apiTokens()).containsOnlyKeys("graph");
		// sealed for its place: moved under another API's name it does not open
		String moved = json.replace("\"graph\":", "\"mail\":");
		assertThatIllegalArgumentException().isThrownBy(() -> SessionUser.fromJson(moved, cipher));
	}

	@Test
	void aDpopBoundSignInKeepsItsKeySealedAndItsTokensTypeThroughRefreshes() {
		DefaultOAuth2User user = new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")),
				Map.of("id", 42), "id");
		OAuth2AccessToken bound = new OAuth2AccessToken(OAuth2AccessToken.TokenType.DPOP, "bound-token", IAT,
				IAT.plusSeconds(300), Set.of("openid"));
		String key = "{\"kty\":\"EC\",\"d\":\"private-part\"}";
		SessionUser record = SessionUser
			.of(new OAuth2AuthenticationToken(user, user.getAuthorities(), "corp"), "id", bound, this.refresh, IAT)
			.withDpopKey(key);
		TokenCipher cipher = new AesGcmTokenCipher(new byte[32], List.of());
		String json = record.toJson(cipher);
		assertThat(json).doesNotContain("private-part").contains("\"dpopKey\"").contains("\"type\":\"DPoP\"");
		SessionUser read = SessionUser.fromJson(json, cipher);
		assertThat(read.dpopKey()).isEqualTo(key);
		assertThat(read.accessToken().getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.DPOP);
		OAuth2AccessToken next = new OAuth2AccessToken(OAuth2AccessToken.TokenType.DPOP, "bound-2", IAT,
				IAT.plusSeconds(600));
		assertThat(read.refreshed(next, this.refresh, null, null, read.attributes()).dpopKey()).isEqualTo(key);
		assertThat(read.withApiToken("api", this.access, this.refresh).dpopKey()).isEqualTo(key);
		assertThat(read.withAuthorities(List.of()).dpopKey()).isEqualTo(key);
		// a bearer record says no type, as records always did
		assertThat(
				SessionUser
					.fromJson(
							SessionUser
								.of(new OAuth2AuthenticationToken(user, user.getAuthorities(), "corp"), "id",
										this.access, this.refresh, IAT)
								.toJson(cipher),
							cipher)
					.accessToken()
					.getTokenType())
			.isEqualTo(OAuth2AccessToken.TokenType.BEARER);
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
	void theStoreBuildsARecordsAuthenticationOnceAndANewRecordsAgain() {
		DefaultOAuth2User user = new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")),
				Map.of("id", 42, "login", "octo"), "id");
		SessionUserStore store = new SessionUserStore();
		String json = SessionUser
			.of(new OAuth2AuthenticationToken(user, user.getAuthorities(), "github"), "id", this.access, null, IAT)
			.toJson();
		SessionUser read = store.deserialize(json);
		assertThat(store.deserialize(json)).as("the same text is not parsed again").isSameAs(read);
		OAuth2AuthenticationToken first = store.authentication(read);
		assertThat(store.authentication(read)).isSameAs(first);
		// an equal record parsed apart (another instance's text, a refresh) gets its own
		SessionUser again = SessionUser.fromJson(json);
		assertThat(again).isEqualTo(read);
		assertThat(store.authentication(again)).isNotSameAs(first);
		assertThat(store.authentication(again).getName()).isEqualTo("42");
	}

	@Test
	void theCompactRecordDerivesTheIdTokensClaimsAndTheUserInfoItRepeats() throws Exception {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("iss", "https://idp.example.com");
		payload.put("sub", "alice");
		// a single audience as a string, as Entra, Google and Keycloak send it
		payload.put("aud", "client");
		payload.put("iat", IAT.getEpochSecond());
		payload.put("exp", IAT.plusSeconds(600).getEpochSecond());
		payload.put("auth_time", IAT.getEpochSecond());
		payload.put("email_verified", true);
		payload.put("name", "Alice Example");
		payload.put("email", "alice@example.com");
		payload.put("groups", List.of("a", "b"));
		OidcIdToken idToken = decoded(jwt(payload));
		Map<String, Object> userInfo = Map.of("sub", "alice", "name", "Alice Example", "email", "alice@example.com",
				"picture", "https://example.com/alice.png");
		OidcUser user = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), idToken,
				new OidcUserInfo(userInfo), "sub");
		SessionUser record = SessionUser.of(new OAuth2AuthenticationToken(user, user.getAuthorities(), "corp"), "sub",
				this.access, this.refresh, IAT);
		String compact = record.toJson();
		String version1 = record.toJson(TokenCipher.NONE, false);
		assertThat(compact).contains("\"v\":2").doesNotContain("\"claims\"").doesNotContain("Alice Example\",\"email");
		assertThat(version1).contains("\"v\":1").contains("\"claims\"");
		System.out
			.println("Session record: " + version1.length() + " bytes in version 1, " + compact.length() + " compact");
		assertThat(compact.length()).isLessThan(version1.length());
		for (String json : List.of(compact, version1)) {
			SessionUser read = SessionUser.fromJson(json);
			assertThat(ClaimValues.toJson(read.idToken().getClaims()))
				.isEqualTo(ClaimValues.toJson(SessionUser.fromJson(version1).idToken().getClaims()));
			assertThat(read.idToken().getAudience()).containsExactly("client");
			assertThat(read.idToken().getAuthenticatedAt()).isEqualTo(IAT);
			assertThat(read.idToken().getEmailVerified()).isTrue();
			assertThat(read.userInfo()).isEqualTo(userInfo);
			assertThat(read.claims()).containsEntry("picture", "https://example.com/alice.png")
				.containsEntry("groups", List.of("a", "b"));
		}
	}

	@Test
	void theCompactRecordKeepsClaimsItCouldNotDeriveExactly() throws Exception {
		Map<String, Object> payload = Map.of("iss", "https://idp.example.com", "sub", "alice", "aud", "client", "iat",
				IAT.getEpochSecond(), "exp", IAT.plusSeconds(600).getEpochSecond());
		String value = jwt(payload);
		// claims that are not what the token's payload says: stored as they are
		Map<String, Object> decodedClaims = decoded(value).getClaims();
		OidcIdToken idToken = OidcIdToken.withTokenValue(value)
			.claims((claims) -> claims.putAll(decodedClaims))
			.claim("name", "Only In The Claims")
			.build();
		OidcUser user = new DefaultOidcUser(List.of(), idToken, "sub");
		SessionUser record = SessionUser.of(new OAuth2AuthenticationToken(user, List.of(), "corp"), "sub", this.access,
				this.refresh, IAT);
		String compact = record.toJson();
		assertThat(compact).contains("\"claims\"");
		assertThat(SessionUser.fromJson(compact).claims()).containsEntry("name", "Only In The Claims");
	}

	/** A JWT with the payload (the signature is not what a record is read for). */
	private static String jwt(Map<String, Object> payload) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(JSONObjectUtils.toJSONString(payload).getBytes(StandardCharsets.UTF_8))
				+ ".c2ln";
	}

	/** The id token as Spring Security's decoder gives it: claims converted. */
	private static OidcIdToken decoded(String value) throws Exception {
		Map<String, Object> payload = JSONObjectUtils
			.parse(new String(Base64.getUrlDecoder().decode(value.split("\\.")[1]), StandardCharsets.UTF_8));
		Map<String, Object> claims = new ClaimTypeConverter(
				OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters())
			.convert(payload);
		return new OidcIdToken(value, (Instant) claims.get("iat"), (Instant) claims.get("exp"), claims);
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
