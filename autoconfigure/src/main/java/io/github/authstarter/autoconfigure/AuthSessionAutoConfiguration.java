package io.github.authstarter.autoconfigure;

import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.logout.SessionRevoker;
import io.github.authstarter.logout.UserSessions;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.TokenCipher;
import io.github.authstarter.web.AuthErrorResponder;
import io.github.authstarter.web.AuthPaths;
import io.github.authstarter.web.SessionStoreUnavailableFilter;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The signed-in user as a plain JSON record in the Redis-backed HTTP session
 * ({@link AuthRedisSessionAutoConfiguration}), shared by every instance, and the index of
 * sessions by provider session and user. Runs before Boot's OAuth2 client configuration
 * so its per-instance default never applies.
 */
@AutoConfiguration(after = { AuthProvidersAutoConfiguration.class, AuthRedisSessionAutoConfiguration.class },
		before = OAuth2ClientWebSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ StringRedisTemplate.class, OAuth2AuthorizedClientRepository.class })
@ConditionalOnBean(ProviderRegistrations.class)
@Import(AuthSessionRecordConfiguration.class)
public final class AuthSessionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SessionIndex authSessionIndex(StringRedisTemplate redis, AuthProperties properties) {
		return new SessionIndex(redis, properties.getRedis().getKeyPrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	UserSessions authUserSessions(SessionIndex index, SessionRepository<? extends Session> sessions,
			ObjectProvider<SessionRevoker> revoker) {
		// the revoker comes with logout (it needs the refresh lock): an ended session's
		// refresh token must stop working too
		return new UserSessions(index, sessions, revoker.getIfAvailable());
	}

	@Bean
	FilterRegistrationBean<SessionStoreUnavailableFilter> authSessionStoreUnavailableFilter(
			ObjectProvider<AuthErrorResponder> responder, ObjectProvider<AuthPaths> paths) {
		FilterRegistrationBean<SessionStoreUnavailableFilter> registration = new FilterRegistrationBean<>(
				new SessionStoreUnavailableFilter(responder.getIfAvailable(AuthErrorResponder::standard),
						paths.getIfAvailable()));
		// outside Spring Session's filter: loading and saving the session fail there
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	@Bean
	SmartInitializingSingleton authTokenEncryptionCheck(TokenCipher cipher) {
		return () -> {
			if (!cipher.encrypts()) {
				LogFactory.getLog(AuthSessionAutoConfiguration.class)
					.warn("Tokens are stored in clear in the Redis session records: anyone who can read Redis can "
							+ "use them. Set auth.session.encryption-key (openssl rand -base64 32) to encrypt them, "
							+ "and auth.session.require-encryption=true to refuse to start without it.");
			}
		};
	}

}
