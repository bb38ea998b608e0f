package io.github.authstarter.autoconfigure;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.logout.SessionRevoker;
import io.github.authstarter.logout.UserSessions;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.PlainJsonRedisSerializer;
import io.github.authstarter.session.SessionReadScopeFilter;
import io.github.authstarter.session.SingleReadRedisSessionRepository;
import io.github.authstarter.session.TokenCipher;
import io.github.authstarter.session.TolerantRedisSessionMapper;
import io.github.authstarter.session.TrackedSessionCache;
import io.github.authstarter.web.AuthErrorResponder;
import io.github.authstarter.web.AuthPaths;
import io.github.authstarter.web.SessionStoreUnavailableFilter;
import io.lettuce.core.RedisClient;
import jakarta.servlet.DispatcherType;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionProperties;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The signed-in user as a plain JSON record in the Redis-backed HTTP session, shared by
 * every instance, and the index of sessions by provider session and user. Runs before
 * Boot's session and OAuth2 client configurations so their per-instance and
 * JDK-serialized defaults never apply.
 */
@AutoConfiguration(after = { AuthProvidersAutoConfiguration.class, DataRedisAutoConfiguration.class },
		before = { SessionDataRedisAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class })
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

	@Bean
	@ConditionalOnMissingBean(name = "authTolerantSessionMapper")
	SessionRepositoryCustomizer<RedisSessionRepository> authTolerantSessionMapper() {
		return (repository) -> repository.setRedisSessionMapper(new TolerantRedisSessionMapper());
	}

	@Bean
	@ConditionalOnMissingBean(name = "springSessionDefaultRedisSerializer")
	RedisSerializer<Object> springSessionDefaultRedisSerializer() {
		return new PlainJsonRedisSerializer();
	}

	/**
	 * The session store of the hot path, in Spring Session's own Redis layout, in place
	 * of Spring Session's {@code RedisSessionRepository} (which costs four commands per
	 * request). An application's own {@code SessionRepository} wins.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(SessionRepository.class)
	@Import(SpringHttpSessionConfiguration.class)
	static class SingleReadSessionRepositoryConfiguration {

		@Bean
		SingleReadRedisSessionRepository sessionRepository(RedisConnectionFactory connections,
				@Qualifier("springSessionDefaultRedisSerializer") RedisSerializer<Object> values,
				AuthProperties properties, Environment environment, ObjectProvider<TrackedSessionCache> cache,
				ObjectProvider<SessionTimeout> timeouts, ObjectProvider<SessionProperties> session,
				ObjectProvider<SessionDataRedisProperties> redis) {
			// Boot's own session timeout (spring.session.timeout, falling back to the
			// servlet container's) and namespace; bound here where Boot has not
			// registered them
			Duration timeout = timeouts.getIfUnique(() -> () -> {
				Binder binder = Binder.get(environment);
				return session.getIfAvailable(() -> binder.bindOrCreate("spring.session", SessionProperties.class))
					.determineTimeout(() -> binder
						.bind("server.servlet.session.timeout", Bindable.of(Duration.class).withAnnotations(SECONDS))
						.orElse(null));
			}).getTimeout();
			if (timeout == null) {
				timeout = Duration.ofMinutes(30);
			}
			Duration touchInterval = properties.getSession().getTouchInterval();
			return SingleReadRedisSessionRepository.of(connections, values, namespace(environment, redis), timeout,
					(touchInterval != null) ? touchInterval : timeout.dividedBy(10), cache.getIfAvailable());
		}

		/**
		 * The servlet container's session timeout is in seconds when no unit is given.
		 */
		private static final Annotation SECONDS = AnnotationUtils
			.synthesizeAnnotation(Map.of("value", ChronoUnit.SECONDS), DurationUnit.class, null);

		static String namespace(Environment environment, ObjectProvider<SessionDataRedisProperties> redis) {
			return redis
				.getIfAvailable(() -> Binder.get(environment)
					.bindOrCreate("spring.session.data.redis", SessionDataRedisProperties.class))
				.getNamespace();
		}

		@Bean
		FilterRegistrationBean<SessionReadScopeFilter> authSessionReadScopeFilter(
				SingleReadRedisSessionRepository sessionRepository) {
			FilterRegistrationBean<SessionReadScopeFilter> registration = new FilterRegistrationBean<>(
					new SessionReadScopeFilter(sessionRepository));
			// around Spring Session's filter, whose last read of the session it saves
			registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 2);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
	@ConditionalOnBooleanProperty("auth.session.client-cache.enabled")
	static class TrackedSessionCacheConfiguration {

		/**
		 * The session records an instance keeps in memory, invalidated by Redis. Only on
		 * a standalone Redis: on a Cluster each node tracks its own keys, and after a
		 * Sentinel switch-over the tracking connection would follow the new master
		 * without the invalidations lost meanwhile; both are refused rather than served
		 * stale.
		 */
		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		TrackedSessionCache authTrackedSessionCache(RedisConnectionFactory connections, AuthProperties properties,
				Environment environment, ObjectProvider<SessionDataRedisProperties> redis) {
			String property = "auth.session.client-cache.enabled";
			if (!(connections instanceof LettuceConnectionFactory lettuce)) {
				throw new InvalidConfigurationPropertyValueException(property, true,
						"the session cache needs Lettuce (Boot's default Redis client), not "
								+ connections.getClass().getSimpleName());
			}
			if (lettuce.isClusterAware() || lettuce.getClusterConfiguration() != null) {
				throw new InvalidConfigurationPropertyValueException(property, true,
						"the session cache is not supported on Redis Cluster (each node would have to be tracked); "
								+ "remove the property, a signed-in request then costs one read");
			}
			if (lettuce.getSentinelConfiguration() != null) {
				throw new InvalidConfigurationPropertyValueException(property, true,
						"the session cache is not supported with Redis Sentinel (invalidations sent during a "
								+ "switch-over would be lost); remove the property, a signed-in request then costs "
								+ "one read");
			}
			if (!(lettuce.getRequiredNativeClient() instanceof RedisClient client)) {
				throw new InvalidConfigurationPropertyValueException(property, true,
						"the session cache needs a standalone Redis");
			}
			try {
				return TrackedSessionCache.start(client,
						SingleReadSessionRepositoryConfiguration.namespace(environment, redis) + ":sessions:",
						properties.getSession().getClientCache().getMaxSize(),
						properties.getSession().getClientCache().isReadBarrier());
			}
			catch (IllegalStateException ex) {
				throw new InvalidConfigurationPropertyValueException(property, true, ex.getMessage());
			}
		}

	}

}
