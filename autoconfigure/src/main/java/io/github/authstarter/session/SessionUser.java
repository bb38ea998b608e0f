package io.github.authstarter.session;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * The signed-in user as stored in the HTTP session: a small versioned JSON object of
 * strings, numbers, lists and objects, with no Java class names, readable by any service
 * and unable to make a reader instantiate anything. Spring Security's
 * {@link OAuth2AuthenticationToken} is rebuilt from it per request.
 *
 * @param provider the provider id
 * @param nameAttribute the claim that names the user
 * @param authorities the granted authorities
 * @param idToken the id token, or {@code null} for OAuth2-only providers
 * @param userInfo the user-info claims of an OpenID user, or {@code null}
 * @param attributes the attributes of an OAuth2-only user, or {@code null}
 * @param accessToken the access token
 * @param refreshToken the refresh token, or {@code null}
 * @param authenticatedAt when the user signed in
 */
public record SessionUser(String provider, String nameAttribute, List<String> authorities,
		@Nullable OidcIdToken idToken, @Nullable Map<String, Object> userInfo, @Nullable Map<String, Object> attributes,
		OAuth2AccessToken accessToken, @Nullable OAuth2RefreshToken refreshToken, Instant authenticatedAt) {

	/** The version written; readers reject others and treat the user as signed out. */
	public static final int VERSION = 1;

	/**
	 * Builds the record from a completed login.
	 * @param authentication the authentication of the login
	 * @param nameAttribute the claim that names the user
	 * @param accessToken the access token
	 * @param refreshToken the refresh token, or {@code null}
	 * @param now the time of the login
	 * @return the record
	 */
	public static SessionUser of(OAuth2AuthenticationToken authentication, String nameAttribute,
			OAuth2AccessToken accessToken, @Nullable OAuth2RefreshToken refreshToken, Instant now) {
		List<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.toList();
		OAuth2User principal = authentication.getPrincipal();
		if (principal instanceof OidcUser oidc) {
			return new SessionUser(authentication.getAuthorizedClientRegistrationId(), nameAttribute, authorities,
					oidc.getIdToken(), (oidc.getUserInfo() != null) ? oidc.getUserInfo().getClaims() : null, null,
					accessToken, refreshToken, now);
		}
		return new SessionUser(authentication.getAuthorizedClientRegistrationId(), nameAttribute, authorities, null,
				null, principal.getAttributes(), accessToken, refreshToken, now);
	}

	/**
	 * The user's subject: the id token's {@code sub}, or the name attribute of an
	 * OAuth2-only user.
	 * @return the subject
	 */
	public String subject() {
		if (this.idToken != null) {
			return this.idToken.getSubject();
		}
		Object value = (this.attributes != null) ? this.attributes.get(this.nameAttribute) : null;
		return String.valueOf(value);
	}

	/**
	 * All claims: the id token's merged with user info, or the OAuth2 attributes.
	 * @return the claims, as Java values
	 */
	public Map<String, Object> claims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		if (this.idToken != null) {
			claims.putAll(this.idToken.getClaims());
		}
		if (this.userInfo != null) {
			claims.putAll(this.userInfo);
		}
		if (this.attributes != null) {
			claims.putAll(this.attributes);
		}
		return claims;
	}

	/**
	 * The claims as plain JSON values (times as epoch seconds, URLs as strings).
	 * @return the claims
	 */
	public Map<String, Object> claimsAsJson() {
		return ClaimValues.toJson(claims());
	}

	/**
	 * This record with new tokens and claims after a refresh.
	 * @param accessToken the new access token
	 * @param refreshToken the refresh token to keep
	 * @param idToken the id token to keep
	 * @param userInfo the user info to keep
	 * @param attributes the OAuth2 attributes to keep
	 * @return the refreshed record
	 */
	public SessionUser refreshed(OAuth2AccessToken accessToken, @Nullable OAuth2RefreshToken refreshToken,
			@Nullable OidcIdToken idToken, @Nullable Map<String, Object> userInfo,
			@Nullable Map<String, Object> attributes) {
		return new SessionUser(this.provider, this.nameAttribute, this.authorities, idToken, userInfo, attributes,
				accessToken, refreshToken, this.authenticatedAt);
	}

	/**
	 * Rebuilds Spring Security's authentication.
	 * @return the authentication
	 */
	public OAuth2AuthenticationToken authentication() {
		List<GrantedAuthority> granted = this.authorities.stream()
			.map(SimpleGrantedAuthority::new)
			.map(GrantedAuthority.class::cast)
			.toList();
		OAuth2User principal;
		if (this.idToken != null) {
			OidcUserInfo info = (this.userInfo != null) ? new OidcUserInfo(this.userInfo) : null;
			principal = new DefaultOidcUser(granted, this.idToken, info, this.nameAttribute);
		}
		else {
			principal = new DefaultOAuth2User(granted, this.attributes, this.nameAttribute);
		}
		return new OAuth2AuthenticationToken(principal, granted, this.provider);
	}

	/**
	 * The record as JSON.
	 * @return the JSON text
	 */
	public String toJson() {
		return toJson(TokenCipher.NONE);
	}

	/**
	 * The record as JSON text, with token values sealed by the cipher.
	 * @param cipher the token cipher
	 * @return the JSON text
	 */
	public String toJson(TokenCipher cipher) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("v", VERSION);
		json.put("provider", this.provider);
		json.put("nameAttribute", this.nameAttribute);
		json.put("authorities", this.authorities);
		json.put("authenticatedAt", this.authenticatedAt.getEpochSecond());
		if (this.idToken != null) {
			json.put("idToken", Map.of("value", cipher.seal(this.idToken.getTokenValue(), "id_token"), "claims",
					ClaimValues.toJson(this.idToken.getClaims())));
		}
		if (this.userInfo != null) {
			json.put("userInfo", ClaimValues.toJson(this.userInfo));
		}
		if (this.attributes != null) {
			json.put("attributes", ClaimValues.toJson(this.attributes));
		}
		Map<String, Object> access = new LinkedHashMap<>();
		access.put("value", cipher.seal(this.accessToken.getTokenValue(), "access_token"));
		putTime(access, "issuedAt", this.accessToken.getIssuedAt());
		putTime(access, "expiresAt", this.accessToken.getExpiresAt());
		access.put("scopes", new ArrayList<>(this.accessToken.getScopes()));
		json.put("accessToken", access);
		if (this.refreshToken != null) {
			Map<String, Object> refresh = new LinkedHashMap<>();
			refresh.put("value", cipher.seal(this.refreshToken.getTokenValue(), "refresh_token"));
			putTime(refresh, "issuedAt", this.refreshToken.getIssuedAt());
			putTime(refresh, "expiresAt", this.refreshToken.getExpiresAt());
			json.put("refreshToken", refresh);
		}
		return JSONObjectUtils.toJSONString(json);
	}

	/**
	 * Reads a record.
	 * @param text the JSON text
	 * @return the record
	 * @throws IllegalArgumentException when the text is not a record of this version
	 */
	public static SessionUser fromJson(String text) {
		return fromJson(text, TokenCipher.NONE);
	}

	/**
	 * Reads a record whose token values the cipher sealed.
	 * @param text the JSON text
	 * @param cipher the token cipher
	 * @return the record
	 * @throws IllegalArgumentException when the text is not a record of this version or
	 * its tokens do not open
	 */
	public static SessionUser fromJson(String text, TokenCipher cipher) {
		try {
			Map<String, Object> json = JSONObjectUtils.parse(text);
			if (JSONObjectUtils.getInt(json, "v") != VERSION) {
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

	@Override
	public String toString() {
		return "SessionUser[provider=" + this.provider + ", authenticatedAt=" + this.authenticatedAt + "]";
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
