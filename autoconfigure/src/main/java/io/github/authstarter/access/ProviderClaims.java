package io.github.authstarter.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a provider said about a user, by source, as authorities and sign-in policies see
 * it at login and after every refresh.
 *
 * @param idToken the ID token's claims, empty for a plain OAuth2 provider
 * @param userInfo the user-info answer, empty when the provider has none
 * @param accessToken the claims of a JWT access token checked against the provider's
 * keys, issuer and expiry; empty for an opaque one or when no authority is read from it
 * @param scopes the scopes the access token was granted
 */
public record ProviderClaims(Map<String, Object> idToken, Map<String, Object> userInfo, Map<String, Object> accessToken,
		Set<String> scopes) {

	/**
	 * Creates the claims.
	 */
	public ProviderClaims {
		idToken = Map.copyOf(idToken);
		userInfo = Map.copyOf(userInfo);
		accessToken = Map.copyOf(accessToken);
		scopes = Set.copyOf(scopes);
	}

	/**
	 * The claims of one source.
	 * @param source the source
	 * @return its claims
	 */
	public Map<String, Object> from(AuthoritySource source) {
		return switch (source) {
			case ID_TOKEN -> this.idToken;
			case USERINFO -> this.userInfo;
			case ACCESS_TOKEN -> this.accessToken;
		};
	}

	/**
	 * The user's claims as the application sees them: the ID token's, with the user
	 * info's added where the ID token has none.
	 * @return the claims
	 */
	public Map<String, Object> user() {
		Map<String, Object> claims = new LinkedHashMap<>(this.userInfo);
		claims.putAll(this.idToken);
		return claims;
	}

	/**
	 * One claim of the user, as {@link #user()} has it.
	 * @param name the claim name
	 * @return the value, or {@code null}
	 */
	public @Nullable Object claim(String name) {
		Object value = this.idToken.get(name);
		return (value != null) ? value : this.userInfo.get(name);
	}

}
