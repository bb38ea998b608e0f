package io.github.authstarter.access;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Decides what a user may do and whether they may sign in at all, the same way at login
 * and after every refresh: claims from each source, authorities from the
 * {@link AuthoritiesMapper} and the application's {@link GrantedAuthoritiesMapper}, then
 * every {@link SignInPolicy} in order.
 */
public final class UserAccess {

	private static final Log logger = LogFactory.getLog(UserAccess.class);

	private final AuthoritiesMapper mapper;

	private final @Nullable GrantedAuthoritiesMapper grantedMapper;

	private final List<SignInPolicy> policies;

	private final Map<String, AuthorityRules> rules;

	private final AccessTokenClaims accessTokens;

	/**
	 * Creates the decision maker.
	 * @param mapper the authorities mapper
	 * @param grantedMapper the application's {@code GrantedAuthoritiesMapper}, or
	 * {@code null}
	 * @param policies the sign-in policies, in order
	 * @param rules each provider's authority rules, by registration id
	 * @param accessTokens reads the claims of JWT access tokens
	 */
	public UserAccess(AuthoritiesMapper mapper, @Nullable GrantedAuthoritiesMapper grantedMapper,
			List<SignInPolicy> policies, Map<String, AuthorityRules> rules, AccessTokenClaims accessTokens) {
		this.mapper = mapper;
		this.grantedMapper = grantedMapper;
		this.policies = List.copyOf(policies);
		// a view, not a copy: providers of a store are looked up at each use
		this.rules = Collections.unmodifiableMap(rules);
		this.accessTokens = accessTokens;
	}

	/**
	 * What the provider said about a user, by source.
	 * @param registration the provider
	 * @param idToken the ID token's claims, empty for a plain OAuth2 provider
	 * @param userInfo the user info, empty when there is none
	 * @param accessToken the access token
	 * @return the claims; the access token's only when some authority is read from it
	 */
	public ProviderClaims claims(ClientRegistration registration, Map<String, Object> idToken,
			Map<String, Object> userInfo, OAuth2AccessToken accessToken) {
		AuthorityRules rules = this.rules.getOrDefault(registration.getRegistrationId(), AuthorityRules.NONE);
		Map<String, Object> accessTokenClaims = rules.readsAccessToken()
				? this.accessTokens.of(registration, accessToken) : Map.of();
		return new ProviderClaims(idToken, userInfo, accessTokenClaims, accessToken.getScopes());
	}

	/**
	 * The authorities of a user who may sign in.
	 * @param provider the provider's registration id
	 * @param claims what the provider said
	 * @return the authorities, starting with {@code OIDC_USER} or {@code OAUTH2_USER}
	 * @throws SignInRefusedException when a policy refuses the user
	 */
	public Set<String> authorize(String provider, ProviderClaims claims) {
		refuseGroupOverage(provider, claims);
		Set<String> authorities = new LinkedHashSet<>();
		authorities.add(claims.idToken().isEmpty() ? "OAUTH2_USER" : "OIDC_USER");
		authorities.addAll(this.mapper.authorities(provider, claims));
		if (this.grantedMapper != null) {
			Collection<? extends GrantedAuthority> mapped = this.grantedMapper
				.mapAuthorities(authorities.stream().map(SimpleGrantedAuthority::new).toList());
			authorities = new LinkedHashSet<>();
			for (GrantedAuthority authority : mapped) {
				if (authority.getAuthority() != null) {
					authorities.add(authority.getAuthority());
				}
			}
		}
		Set<String> granted = Set.copyOf(authorities);
		for (SignInPolicy policy : this.policies) {
			SignInDecision decision = policy.check(provider, claims, granted);
			if (!decision.allowed()) {
				throw new SignInRefusedException(decision.reason(),
						(decision.message() != null) ? decision.message() : "You cannot sign in to this application.");
			}
		}
		return authorities;
	}

	/**
	 * Entra leaves the groups out of the token when a user has too many and points to
	 * Microsoft Graph instead: mapping what is left would silently grant too little.
	 */
	private void refuseGroupOverage(String provider, ProviderClaims claims) {
		AuthorityRules rules = this.rules.getOrDefault(provider, AuthorityRules.NONE);
		boolean readsGroups = rules.claims().stream().anyMatch((path) -> path.segments().get(0).equals("groups"));
		if (!readsGroups) {
			return;
		}
		for (AuthoritySource source : rules.sources()) {
			Map<String, Object> from = claims.from(source);
			boolean overage = Boolean.TRUE.equals(from.get("hasgroups"))
					|| (from.get("_claim_names") instanceof Map<?, ?> names && names.containsKey("groups"));
			if (overage && !from.containsKey("groups")) {
				logger.warn("Provider '" + provider + "' left the groups out of the token (group overage); "
						+ "see docs/how-to/authorization.md for the workaround");
				throw new SignInRefusedException("groups_overage",
						"Your account is in too many groups for this application to read. Ask an administrator to "
								+ "assign the groups or app roles this application needs.");
			}
		}
	}

}
