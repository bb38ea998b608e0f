package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.authstarter.access.AccessTokenClaims;
import io.github.authstarter.access.AuthoritiesMapper;
import io.github.authstarter.access.ClaimsAuthoritiesMapper;
import io.github.authstarter.access.ProviderSignInPolicy;
import io.github.authstarter.access.RequestedAuthentication;
import io.github.authstarter.access.SignInPolicy;
import io.github.authstarter.access.UserAccess;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.provider.ProviderRegistrations;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;

/**
 * Who may sign in and what they may do: authorities from claims and the sign-in policy of
 * {@code auth.providers.<id>.*}, used at login and on every refresh.
 */
@AutoConfiguration(after = AuthProvidersAutoConfiguration.class)
@ConditionalOnBean({ ProviderRegistrations.class, ProviderKeySets.class })
public final class AuthAccessAutoConfiguration {

	/**
	 * How {@code auth_time} is judged, at a login that asked for {@code max_age} and by
	 * step-up, with one allowance for the provider's clock.
	 */
	@Bean
	@ConditionalOnMissingBean
	RequestedAuthentication authRequestedAuthentication(AuthProperties properties,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks,
			ObjectProvider<ProviderRegistrations> registrations) {
		return requestedAuthentication(properties, clocks, registrations);
	}

	static RequestedAuthentication requestedAuthentication(AuthProperties properties, ObjectProvider<Clock> clocks,
			ObjectProvider<ProviderRegistrations> registrations) {
		Duration skew = properties.getLogin().getAuthTimeSkew();
		if (skew == null || skew.isNegative() || skew.compareTo(MAX_AUTH_TIME_SKEW) > 0) {
			// more would make requireRecentLogin and max_age mean little
			throw new InvalidConfigurationPropertyValueException("auth.login.auth-time-skew", skew,
					"must be between 0 and 5 minutes");
		}
		return new RequestedAuthentication(AuthClockConfiguration.of(clocks), skew,
				(provider) -> provesReauthentication(registrations.getIfAvailable(), provider));
	}

	/**
	 * A provider proves a new authentication when its preset does; a provider of no
	 * preset when it signs in with OpenID Connect (its ID tokens are checked for it).
	 */
	private static boolean provesReauthentication(@Nullable ProviderRegistrations registrations, String provider) {
		ProviderDefinition definition = (registrations != null) ? registrations.definition(provider) : null;
		if (definition == null) {
			return false;
		}
		return (definition.preset() != null) ? definition.preset().provesReauthentication() : definition.openId();
	}

	private static final Duration MAX_AUTH_TIME_SKEW = Duration.ofMinutes(5);

	@Bean
	@ConditionalOnMissingBean
	AuthoritiesMapper authAuthoritiesMapper(AuthProperties properties, ObjectProvider<StoredProviders> stored) {
		return new ClaimsAuthoritiesMapper(new AccessRulesMapper(properties, stored.getIfAvailable()).authorityRules());
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderSignInPolicy authProviderSignInPolicy(AuthProperties properties, ObjectProvider<StoredProviders> stored) {
		StoredProviders providers = stored.getIfAvailable();
		return new ProviderSignInPolicy(new AccessRulesMapper(properties, providers).signInRules(), providers != null);
	}

	@Bean
	@ConditionalOnMissingBean
	AccessTokenClaims authAccessTokenClaims(ProviderKeySets keySets,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		return new AccessTokenClaims(keySets, AuthClockConfiguration.of(clocks));
	}

	@Bean
	@ConditionalOnMissingBean
	UserAccess authUserAccess(AuthProperties properties, AuthoritiesMapper mapper,
			ObjectProvider<GrantedAuthoritiesMapper> grantedMapper, ProviderSignInPolicy providerPolicy,
			ObjectProvider<SignInPolicy> policies, AccessTokenClaims accessTokens,
			ObjectProvider<StoredProviders> stored) {
		// the provider's own rules first, then the application's in their @Order
		List<SignInPolicy> ordered = new ArrayList<>();
		ordered.add(providerPolicy);
		policies.orderedStream().filter((policy) -> policy != providerPolicy).forEach(ordered::add);
		return new UserAccess(mapper, grantedMapper.getIfUnique(), ordered,
				new AccessRulesMapper(properties, stored.getIfAvailable()).authorityRules(), accessTokens);
	}

}
