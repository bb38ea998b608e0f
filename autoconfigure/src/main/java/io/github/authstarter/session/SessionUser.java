package io.github.authstarter.session;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param apiTokens the access tokens of the provider's APIs
 * ({@code auth.providers.<id>.apis}) obtained so far, by API name
 * @param dpopKey the sign-in's DPoP key pair (RFC 9449) as a private JWK, which its
 * tokens are bound to, or {@code null}
 */
public record SessionUser(String provider, String nameAttribute, List<String> authorities,
		@Nullable OidcIdToken idToken, @Nullable Map<String, Object> userInfo, @Nullable Map<String, Object> attributes,
		OAuth2AccessToken accessToken, @Nullable OAuth2RefreshToken refreshToken, Instant authenticatedAt,
		Map<String, OAuth2AccessToken> apiTokens, @Nullable String dpopKey) {

	/** The version written; readers reject others and treat the user as signed out. */
	public static final int VERSION = 2;

	/**
	 * A record is shared by the requests of its session once read, so its collections
	 * cannot be changed.
	 */
	public SessionUser {
		authorities = List.copyOf(authorities);
		userInfo = (userInfo != null) ? Collections.unmodifiableMap(userInfo) : null;
		attributes = (attributes != null) ? Collections.unmodifiableMap(attributes) : null;
		apiTokens = Map.copyOf(apiTokens);
	}

	/**
	 * A record without a DPoP key.
	 */
	@SuppressWarnings("java:S107")
	public SessionUser(String provider, String nameAttribute, List<String> authorities, @Nullable OidcIdToken idToken,
			@Nullable Map<String, Object> userInfo, @Nullable Map<String, Object> attributes,
			OAuth2AccessToken accessToken, @Nullable OAuth2RefreshToken refreshToken, Instant authenticatedAt,
			Map<String, OAuth2AccessToken> apiTokens) {
		this(provider, nameAttribute, authorities, idToken, userInfo, attributes, accessToken, refreshToken,
				authenticatedAt, apiTokens, null);
	}

	/**
	 * A record without API tokens.
	 */
	@SuppressWarnings("java:S107")
	public SessionUser(String provider, String nameAttribute, List<String> authorities, @Nullable OidcIdToken idToken,
			@Nullable Map<String, Object> userInfo, @Nullable Map<String, Object> attributes,
			OAuth2AccessToken accessToken, @Nullable OAuth2RefreshToken refreshToken, Instant authenticatedAt) {
		this(provider, nameAttribute, authorities, idToken, userInfo, attributes, accessToken, refreshToken,
				authenticatedAt, Map.of());
	}

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
				accessToken, refreshToken, this.authenticatedAt, this.apiTokens, this.dpopKey);
	}

	/**
	 * This record with a new token for one API, and the refresh token the grant that
	 * obtained it left (rotated, or the same).
	 * @param api the API's name
	 * @param token its new access token
	 * @param refreshToken the refresh token to keep
	 * @return the record
	 */
	public SessionUser withApiToken(String api, OAuth2AccessToken token, @Nullable OAuth2RefreshToken refreshToken) {
		Map<String, OAuth2AccessToken> tokens = new LinkedHashMap<>(this.apiTokens);
		tokens.put(api, token);
		return new SessionUser(this.provider, this.nameAttribute, this.authorities, this.idToken, this.userInfo,
				this.attributes, this.accessToken, refreshToken, this.authenticatedAt, tokens, this.dpopKey);
	}

	/**
	 * The same record with other authorities, as a refresh computes them anew.
	 * @param authorities the authorities
	 * @return the record
	 */
	public SessionUser withAuthorities(List<String> authorities) {
		return new SessionUser(this.provider, this.nameAttribute, List.copyOf(authorities), this.idToken, this.userInfo,
				this.attributes, this.accessToken, this.refreshToken, this.authenticatedAt, this.apiTokens,
				this.dpopKey);
	}

	/**
	 * The same record, its tokens bound to a DPoP key.
	 * @param key the key pair as a private JWK
	 * @return the record
	 */
	public SessionUser withDpopKey(String key) {
		return new SessionUser(this.provider, this.nameAttribute, this.authorities, this.idToken, this.userInfo,
				this.attributes, this.accessToken, this.refreshToken, this.authenticatedAt, this.apiTokens, key);
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
		return new Restored(principal, granted, this.provider);
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
		return SessionUserJson.write(this, cipher, true);
	}

	/**
	 * The record as JSON text in the given version.
	 * @param cipher the token cipher
	 * @param compact whether to write the current version, or version 1 that earlier
	 * releases read (for the length of a rolling upgrade from them)
	 * @return the JSON text
	 */
	public String toJson(TokenCipher cipher, boolean compact) {
		return SessionUserJson.write(this, cipher, compact);
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
		return SessionUserJson.read(text, cipher);
	}

	@Override
	public String toString() {
		return "SessionUser[provider=" + this.provider + ", authenticatedAt=" + this.authenticatedAt + "]";
	}

	/**
	 * The authentication of a sign-in rebuilt from its record, as every signed-in request
	 * holds it; a save with it (Spring's own authorized-client manager, after a refresh)
	 * is no new sign-in.
	 */
	static final class Restored extends OAuth2AuthenticationToken {

		private static final long serialVersionUID = 1L;

		Restored(OAuth2User principal, List<GrantedAuthority> authorities, String provider) {
			super(principal, authorities, provider);
		}

	}

}
