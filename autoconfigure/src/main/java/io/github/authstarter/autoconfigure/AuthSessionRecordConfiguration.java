package io.github.authstarter.autoconfigure;

import java.time.Clock;

import io.github.authstarter.flow.FlowSettings;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.SessionAuthorizedClientRepository;
import io.github.authstarter.session.SessionSecurityContextRepository;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.session.TokenCipher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The signed-in user's session record and what Spring Security reads from it: the part of
 * the session configuration that needs no Redis. Imported by
 * {@link AuthSessionAutoConfiguration} and by the starter's test slice
 * ({@code auth-spring-boot-starter-test}); applications do not import it.
 */
@Configuration(proxyBeanMethods = false)
public final class AuthSessionRecordConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FlowSettings authFlowSettings(AuthProperties properties) {
		return new FlowSettings(properties.getFlow().getTtl(), properties.getFlow().getCookieName(),
				properties.getRedis().getKeyPrefix(), properties.getLogin().getDefaultRedirect());
	}

	@Bean
	@ConditionalOnMissingBean
	TokenCipher authTokenCipher(AuthProperties properties) {
		return TokenCipherFactory.create(properties.getSession());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionUserStore authSessionUserStore(TokenCipher cipher, AuthProperties properties,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks,
			ObjectProvider<StoredProviders> stored) {
		SessionUserStore store = new SessionUserStore(cipher, properties.getSession().isCompactRecord(),
				properties.getSession().getMaxLifetime(), AuthClockConfiguration.of(clocks));
		// with tenants, their boundary judges instead, the providers' verdict first
		store.admitWith(AuthTenantsAutoConfiguration.providerAdmission(properties, stored.getIfAvailable()));
		return store;
	}

	@Bean
	@ConditionalOnMissingBean
	SessionSecurityContextRepository authSecurityContextRepository(SessionUserStore store) {
		return new SessionSecurityContextRepository(store);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionAuthorizedClientRepository authAuthorizedClientRepository(SessionUserStore store,
			ProviderRegistrations registrations, AuthProperties properties,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks,
			ObjectProvider<StoredProviders> stored) {
		return new SessionAuthorizedClientRepository(store, registrations,
				RefreshTokenExposure.of(properties, stored.getIfAvailable()), AuthClockConfiguration.of(clocks));
	}

}
