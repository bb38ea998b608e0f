package io.github.authstarter.access;

import java.util.List;
import java.util.Map;

/**
 * How one provider's claims become authorities
 * ({@code auth.providers.<id>.authorities.*}, preset defaults applied).
 *
 * @param claims where the values are
 * @param sources where the claims are read from
 * @param prefix put before every value, {@code ROLE_} so that {@code hasRole(..)} works
 * @param mapping claim values replaced by names before the prefix is added, such as an
 * Entra group object id by a readable name
 * @param defaults authorities every user of the provider gets, as written
 * @param includeScopes whether the granted scopes become {@code SCOPE_*} authorities
 */
public record AuthorityRules(List<ClaimPath> claims, List<AuthoritySource> sources, String prefix,
		Map<String, String> mapping, List<String> defaults, boolean includeScopes) {

	/** No authorities from claims, none by default, no scopes. */
	public static final AuthorityRules NONE = new AuthorityRules(List.of(), List.of(), "ROLE_", Map.of(), List.of(),
			false);

	/**
	 * Creates the rules.
	 */
	public AuthorityRules {
		claims = List.copyOf(claims);
		sources = List.copyOf(sources);
		mapping = Map.copyOf(mapping);
		defaults = List.copyOf(defaults);
	}

	/**
	 * Whether the access token's claims are needed.
	 * @return whether it is among the sources of some claim
	 */
	public boolean readsAccessToken() {
		return !this.claims.isEmpty() && this.sources.contains(AuthoritySource.ACCESS_TOKEN);
	}

}
