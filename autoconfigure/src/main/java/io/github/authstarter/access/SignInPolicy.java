package io.github.authstarter.access;

import java.util.Set;

/**
 * A rule of the application's own about who may sign in, checked at login after the
 * starter's own rules ({@code auth.providers.<id>.allowed-*},
 * {@code required-authorities} and the like) and again after every refresh. Several beans
 * may exist; they are asked in their {@code @Order} and the first refusal wins.
 */
@FunctionalInterface
public interface SignInPolicy {

	/**
	 * Decides whether a user may be (or stay) signed in.
	 * @param provider the provider's registration id
	 * @param claims what the provider said about the user
	 * @param authorities the user's authorities after mapping
	 * @return the decision
	 */
	SignInDecision check(String provider, ProviderClaims claims, Set<String> authorities);

}
