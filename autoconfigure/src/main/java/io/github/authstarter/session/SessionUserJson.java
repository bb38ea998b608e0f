package io.github.authstarter.session;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * The JSON form of {@link SessionUser}: version {@value SessionUser#VERSION}, plain
 * values only (times as epoch seconds, claims through {@link ClaimValues}), token values
 * sealed by a {@link TokenCipher}. Kept apart from the record so the record stays what
 * the rest of the starter works with, and the format what other services read.
 */
final class SessionUserJson {

	private SessionUserJson() {
	}

	/**
	 * The record as JSON text, with token values sealed by the cipher.
	 * @param cipher the token cipher
	 * @return the JSON text
	 */
	static String write(SessionUser user, TokenCipher cipher) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("v", SessionUser.VERSION);
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
		if (user.attributes() != null) {
			json.put("attributes", ClaimValues.toJson(user.attributes()));
		}
		Map<String, Object> access = new LinkedHashMap<>();
		access.put("value", cipher.seal(user.accessToken().getTokenValue(), "access_token"));
		putTime(access, "issuedAt", user.accessToken().getIssuedAt());
		putTime(access, "expiresAt", user.accessToken().getExpiresAt());
		access.put("scopes", new ArrayList<>(user.accessToken().getScopes()));
		json.put("accessToken", access);
		if (user.refreshToken() != null) {
			Map<String, Object> refresh = new LinkedHashMap<>();
			refresh.put("value", cipher.seal(user.refreshToken().getTokenValue(), "refresh_token"));
			putTime(refresh, "issuedAt", user.refreshToken().getIssuedAt());
			putTime(refresh, "expiresAt", user.refreshToken().getExpiresAt());
			json.put("refreshToken", refresh);
		}
		return JSONObjectUtils.toJSONString(json);
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
			Map<String, Object> json = JSONObjectUtils.parse(text);
			if (JSONObjectUtils.getInt(json, "v") != SessionUser.VERSION) {
				throw new IllegalArgumentException("unsupported session record version");
			}
			Map<String, Object> id = JSONObjectUtils.getJSONObject(json, "idToken");
			OidcIdToken idToken = null;
			if (id != null) {
				Map<String, Object> claims = ClaimValues.fromJson(JSONObjectUtils.getJSONObject(id, "claims"));
				idToken = new OidcIdToken(cipher.open(JSONObjectUtils.getString(id, "value"), "id_token"),
						(Instant) claims.get("iat"), (Instant) claims.get("exp"), claims);
			}
			Map<String, Object> access = JSONObjectUtils.getJSONObject(json, "accessToken");
			OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
					cipher.open(JSONObjectUtils.getString(access, "value"), "access_token"), time(access, "issuedAt"),
					time(access, "expiresAt"), new LinkedHashSet<>(JSONObjectUtils.getStringList(access, "scopes")));
			Map<String, Object> refresh = JSONObjectUtils.getJSONObject(json, "refreshToken");
			OAuth2RefreshToken refreshToken = (refresh != null)
					? new OAuth2RefreshToken(cipher.open(JSONObjectUtils.getString(refresh, "value"), "refresh_token"),
							time(refresh, "issuedAt"), time(refresh, "expiresAt"))
					: null;
			Map<String, Object> userInfo = JSONObjectUtils.getJSONObject(json, "userInfo");
			Map<String, Object> attributes = JSONObjectUtils.getJSONObject(json, "attributes");
			return new SessionUser(JSONObjectUtils.getString(json, "provider"),
					JSONObjectUtils.getString(json, "nameAttribute"),
					JSONObjectUtils.getStringList(json, "authorities"), idToken,
					(userInfo != null) ? ClaimValues.fromJson(userInfo) : null,
					(attributes != null) ? ClaimValues.fromJson(attributes) : null, accessToken, refreshToken,
					Instant.ofEpochSecond(JSONObjectUtils.getLong(json, "authenticatedAt")));
		}
		catch (ParseException | RuntimeException ex) {
			throw new IllegalArgumentException("unreadable session record", ex);
		}
	}

	private static void putTime(Map<String, Object> json, String name, @Nullable Instant time) {
		if (time != null) {
			json.put(name, time.getEpochSecond());
		}
	}

	private static @Nullable Instant time(Map<String, Object> json, String name) {
		return (json.get(name) instanceof Number seconds) ? Instant.ofEpochSecond(seconds.longValue()) : null;
	}

}
