package io.github.authstarter.access;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The starter's {@link AuthoritiesMapper}: the values at each configured claim path of
 * each configured source, mapped, then prefixed; the provider's default authorities; and
 * the scopes when asked for.
 */
public final class ClaimsAuthoritiesMapper implements AuthoritiesMapper {

	private final Map<String, AuthorityRules> rules;

	/**
	 * Creates the mapper.
	 * @param rules the rules of each provider, by registration id
	 */
	public ClaimsAuthoritiesMapper(Map<String, AuthorityRules> rules) {
		// a view, not a copy: providers of a store are looked up at each use
		this.rules = Collections.unmodifiableMap(rules);
	}

	@Override
	public Collection<String> authorities(String provider, ProviderClaims claims) {
		AuthorityRules rules = this.rules.getOrDefault(provider, AuthorityRules.NONE);
		Set<String> authorities = new LinkedHashSet<>(rules.defaults());
		for (AuthoritySource source : rules.sources()) {
			Map<String, Object> from = claims.from(source);
			for (ClaimPath path : rules.claims()) {
				for (String value : path.values(from)) {
					authorities.add(rules.prefix() + rules.mapping().getOrDefault(value, value));
				}
			}
		}
		if (rules.includeScopes()) {
			claims.scopes().forEach((scope) -> authorities.add("SCOPE_" + scope));
		}
		return authorities;
	}

}
