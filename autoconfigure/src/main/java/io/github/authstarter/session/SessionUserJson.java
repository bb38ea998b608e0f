package io.github.authstarter.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.authstarter.json.JsonObjects;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.converter.ClaimTypeConverter;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * The JSON form of {@link SessionUser}: plain values only (times as epoch seconds, claims
 * through {@link ClaimValues}), token values sealed by a {@link TokenCipher}. Kept apart
 * from the record so the record stays what the rest of the starter works with, and the
 * format what other services read.
 * <p>
 * Version {@value SessionUser#VERSION} (compact) leaves out what the record can derive:
 * the id token's claims, which its payload holds (written only when Spring's own claim
 * conversion of the payload gives them back exactly), and the user-info claims equal to
 * the id token's (named, not repeated). Version 1 kept both; both versions are read.
 */
final class SessionUserJson {

	/** The id token claims as Spring Security converts them when it decodes the token. */
	private static final Converter<Map<String, Object>, Map<String, Object>> ID_TOKEN_CLAIMS = new ClaimTypeConverter(
			OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters());

	private SessionUserJson() {
	}

	/**
	 * The record as JSON text, with token values sealed by the cipher.
	 * @param cipher the token cipher
	 * @param compact whether to write version {@value SessionUser#VERSION}, or version 1
	 * that releases before it read
	 * @return the JSON text
	 */
	static String write(SessionUser user, TokenCipher cipher, boolean compact) {
		return compact ? writeCompact(user, cipher) : writeVersion1(user, cipher);
	}

	private static String writeCompact(SessionUser user, TokenCipher cipher) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("v", SessionUser.VERSION);
		json.put("provider", user.provider());
		json.put("nameAttribute", user.nameAttribute());
		json.put("authorities", user.authorities());
		json.put("authenticatedAt", user.authenticatedAt().getEpochSecond());
		Map<String, Object> idClaims = Map.of();
		if (user.idToken() != null) {
			Map<String, Object> id = new LinkedHashMap<>();
			id.put("value", cipher.seal(user.idToken().getTokenValue(), "id_token"));
			idClaims = ClaimValues.toJson(user.idToken().getClaims());
			if (!idClaims.equals(derivedClaims(user.idToken().getTokenValue()))) {
				id.put("claims", idClaims);
			}
			json.put("idToken", id);
		}
		if (user.userInfo() != null) {
			Map<String, Object> userInfo = new LinkedHashMap<>();
			List<String> shared = new ArrayList<>();
			Map<String, Object> fromIdToken = idClaims;
			ClaimValues.toJson(user.userInfo()).forEach((name, value) -> {
				if (value.equals(fromIdToken.get(name))) {
					shared.add(name);
				}
				else {
					userInfo.put(name, value);
				}
			});
			json.put("userInfo", userInfo);
			if (!shared.isEmpty()) {
				json.put("userInfoFromIdToken", shared);
			}
		}
		putTokensAndAttributes(json, user, cipher);
		return JsonObjects.write(json);
	}

	/**
	 * The claims of an id token as its payload holds them, converted as Spring Security
	 * converts them when it decodes the token, then as JSON values.
	 */
	private static @Nullable Map<String, Object> derivedClaims(String idToken) {
		try {
			String[] parts = idToken.split("\\.", -1);
			if (parts.length != 3) {
				return null;
			}
			Map<String, Object> payload = JsonObjects
				.read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
			return ClaimValues.toJson(ID_TOKEN_CLAIMS.convert(payload));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String writeVersion1(SessionUser user, TokenCipher cipher) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("v", 1);
		json.put("provider", user.provider());
		json.put("nameAttribute", user.nameAttribute());
		json.put("authorities", user.authorities());
		json.put("authenticatedAt", user.authenticatedAt().getEpochSecond());
		if (user.idToken() != null) {
			json.put("idToken", Map.of("value", cipher.seal(user.idToken().getTokenValue(), "id_token"), "claims",
					ClaimValues.toJson(user.idToken().getClaims())));
		}
		if (user.userInfo() != null) {
			json.put("userInfo", ClaimValues.toJson(user.userInfo()));
		}
		putTokensAndAttributes(json, user, cipher);
		return JsonObjects.write(json);
	}

	private static void putTokensAndAttributes(Map<String, Object> json, SessionUser user, TokenCipher cipher) {
		if (user.attributes() != null) {
			json.put("attributes", ClaimValues.toJson(user.attributes()));
		}
		Map<String, Object> access = new LinkedHashMap<>();
		access.put("value", cipher.seal(user.accessToken().getTokenValue(), "access_token"));
		putTime(access, "issuedAt", user.accessToken().getIssuedAt());
		putTime(access, "expiresAt", user.accessToken().getExpiresAt());
		access.put("scopes", new ArrayList<>(user.accessToken().getScopes()));
		putType(access, user.accessToken());
		json.put("accessToken", access);
		if (user.refreshToken() != null) {
			Map<String, Object> refresh = new LinkedHashMap<>();
			refresh.put("value", cipher.seal(user.refreshToken().getTokenValue(), "refresh_token"));
			putTime(refresh, "issuedAt", user.refreshToken().getIssuedAt());
			putTime(refresh, "expiresAt", user.refreshToken().getExpiresAt());
			json.put("refreshToken", refresh);
		}
		if (!user.apiTokens().isEmpty()) {
			// releases before API tokens ignore the key; their sealing names the API, so
			// one API's token cannot be moved to another's place in the record
			Map<String, Object> apis = new LinkedHashMap<>();
			user.apiTokens().forEach((name, token) -> apis.put(name, tokenJson(token, cipher, "api_token:" + name)));
			json.put("apiTokens", apis);
		}
		if (user.dpopKey() != null) {
			json.put("dpopKey", cipher.seal(user.dpopKey(), "dpop_key"));
		}
	}

	/** Only a token bound to a DPoP key says its type: absent is Bearer. */
	private static void putType(Map<String, Object> json, OAuth2AccessToken token) {
		if (OAuth2AccessToken.TokenType.DPOP.equals(token.getTokenType())) {
			json.put("type", OAuth2AccessToken.TokenType.DPOP.getValue());
		}
	}

	private static OAuth2AccessToken.TokenType type(Map<String, Object> json) {
		return OAuth2AccessToken.TokenType.DPOP.getValue().equals(json.get("type")) ? OAuth2AccessToken.TokenType.DPOP
				: OAuth2AccessToken.TokenType.BEARER;
	}

	private static Map<String, Object> tokenJson(OAuth2AccessToken token, TokenCipher cipher, String purpose) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("value", cipher.seal(token.getTokenValue(), purpose));
		putTime(json, "issuedAt", token.getIssuedAt());
		putTime(json, "expiresAt", token.getExpiresAt());
		json.put("scopes", new ArrayList<>(token.getScopes()));
		putType(json, token);
		return json;
	}

	private static OAuth2AccessToken accessToken(Map<String, Object> json, TokenCipher cipher, String purpose) {
		List<String> scopes = JsonObjects.strings(json, "scopes");
		return new OAuth2AccessToken(type(json), cipher.open(JsonObjects.string(json, "value"), purpose),
				time(json, "issuedAt"), time(json, "expiresAt"),
				(scopes != null) ? new LinkedHashSet<>(scopes) : Set.of());
	}

	/**
	 * Reads a record whose token values the cipher sealed.
	 * @param text the JSON text
	 * @param cipher the token cipher
	 * @return the record
	 * @throws IllegalArgumentException when the text is not a record of this version or
	 * its tokens do not open
	 */
	static SessionUser read(String text, TokenCipher cipher) {
		try {
			Map<String, Object> json = JsonObjects.read(text);
			long version = Objects.requireNonNull(JsonObjects.whole(json, "v"));
			if (version != 1 && version != SessionUser.VERSION) {
				throw new IllegalArgumentException("unsupported session record version");
			}
			Map<String, Object> id = JsonObjects.object(json, "idToken");
			OidcIdToken idToken = null;
			if (id != null) {
				String value = cipher.open(JsonObjects.string(id, "value"), "id_token");
				Map<String, Object> stored = JsonObjects.object(id, "claims");
				Map<String, Object> claims = ClaimValues
					.fromJson((stored != null) ? stored : Objects.requireNonNull(derivedClaims(value)));
				idToken = new OidcIdToken(value, (Instant) claims.get("iat"), (Instant) claims.get("exp"), claims);
			}
			Map<String, Object> access = JsonObjects.object(json, "accessToken");
			OAuth2AccessToken accessToken = new OAuth2AccessToken(type(access),
					cipher.open(JsonObjects.string(access, "value"), "access_token"), time(access, "issuedAt"),
					time(access, "expiresAt"), new LinkedHashSet<>(JsonObjects.strings(access, "scopes")));
			Map<String, Object> refresh = JsonObjects.object(json, "refreshToken");
			OAuth2RefreshToken refreshToken = (refresh != null)
					? new OAuth2RefreshToken(cipher.open(JsonObjects.string(refresh, "value"), "refresh_token"),
							time(refresh, "issuedAt"), time(refresh, "expiresAt"))
					: null;
			Map<String, Object> userInfo = JsonObjects.object(json, "userInfo");
			List<String> shared = JsonObjects.strings(json, "userInfoFromIdToken");
			if (userInfo != null && shared != null && idToken != null) {
				Map<String, Object> whole = new LinkedHashMap<>();
				Map<String, Object> idClaims = ClaimValues.toJson(idToken.getClaims());
				shared.forEach((name) -> whole.put(name, idClaims.get(name)));
				whole.putAll(userInfo);
				userInfo = whole;
			}
			Map<String, Object> attributes = JsonObjects.object(json, "attributes");
			Map<String, OAuth2AccessToken> apiTokens = new LinkedHashMap<>();
			Map<String, Object> apis = JsonObjects.object(json, "apiTokens");
			if (apis != null) {
				for (String name : apis.keySet()) {
					apiTokens.put(name, accessToken(JsonObjects.object(apis, name), cipher, "api_token:" + name));
				}
			}
			return new SessionUser(JsonObjects.string(json, "provider"), JsonObjects.string(json, "nameAttribute"),
					JsonObjects.strings(json, "authorities"), idToken,
					(userInfo != null) ? ClaimValues.fromJson(userInfo) : null,
					(attributes != null) ? ClaimValues.fromJson(attributes) : null, accessToken, refreshToken,
					Instant.ofEpochSecond(Objects.requireNonNull(JsonObjects.whole(json, "authenticatedAt"))),
					apiTokens, (json.get("dpopKey") instanceof String sealed) ? cipher.open(sealed, "dpop_key") : null);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("unreadable session record", ex);
		}
	}

	private static void putTime(Map<String, Object> json, String name, @Nullable Instant time) {
		if (time != null) {
			json.put(name, time.getEpochSecond());
		}
	}

	private static @Nullable Instant time(Map<String, Object> json, String name) {
		Long seconds = JsonObjects.whole(json, name);
		return (seconds != null) ? Instant.ofEpochSecond(seconds) : null;
	}

}
