package io.github.authstarter.access;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;

/**
 * {@link UserAccess} as the starter builds it without any {@code authorities} or policy
 * property, for unit tests of its users.
 */
public final class UserAccessFixtures {

	private UserAccessFixtures() {
	}

	public static UserAccess defaults() {
		ProviderKeySets keySets = new ProviderKeySets(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)),
				(id) -> Duration.ofSeconds(30));
		return new UserAccess(new ClaimsAuthoritiesMapper(Map.of()), null, List.of(new ProviderSignInPolicy(Map.of())),
				Map.of(), new AccessTokenClaims(keySets));
	}

}
