package io.github.authstarter.access;

import java.util.Collection;

/**
 * Turns what a provider says about a user into Spring Security authorities, at login and
 * again after every refresh. The starter's mapping reads the claims named by
 * {@code auth.providers.<id>.authorities.*}; a bean of this type replaces it. A
 * {@code GrantedAuthoritiesMapper} bean, if the application has one, is applied to the
 * result either way.
 */
@FunctionalInterface
public interface AuthoritiesMapper {

	/**
	 * The authorities of a user.
	 * @param provider the provider's registration id
	 * @param claims what the provider said about the user
	 * @return the authorities, such as {@code ROLE_admins}
	 */
	Collection<String> authorities(String provider, ProviderClaims claims);

}
