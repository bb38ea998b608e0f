package io.github.authstarter.autoconfigure;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.redis.AuthRedisKeys;
import io.github.authstarter.session.redis.PlainJsonRedisSerializer;
import io.github.authstarter.session.redis.SessionReadScopeFilter;
import io.github.authstarter.session.redis.SingleReadRedisSessionRepository;
import io.github.authstarter.session.redis.TolerantRedisSessionMapper;
import io.github.authstarter.session.redis.TrackedSessionCache;
import io.github.authstarter.token.SessionRefreshLock;
import io.lettuce.core.RedisClient;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.session.SessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The session store of the hot path ({@code io.github.authstarter.session.redis}): Spring
 * Session's Redis layout read with one command per request, or none with the client-side
 * cache, and plain JSON values. Runs before Boot's Spring Session configuration, so its
 * repository (six commands per signed-in request with its filter) and JDK-serialized
 * values never apply; an application's own {@code SessionRepository} wins.
 */
@AutoConfiguration(after = { AuthProvidersAutoConfiguration.class, DataRedisAutoConfiguration.class },
		before = SessionDataRedisAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ StringRedisTemplate.class, OAuth2AuthorizedClientRepository.class })
@ConditionalOnBean(ProviderRegistrations.class)
public final class AuthRedisSessionAutoConfiguration {

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
	 * of Spring Session's {@code RedisSessionRepository} (which, with its filter, costs
	 * six commands per request). An application's own {@code SessionRepository} wins.
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
			SingleReadRedisSessionRepository repository = SingleReadRedisSessionRepository.of(connections, values,
					namespace(environment, redis), timeout,
					(touchInterval != null) ? touchInterval : timeout.dividedBy(10), cache.getIfAvailable());
			// a deleted session marks its refresh lock as a release does: a refresh that
			// read it a moment before reads again under the lock, and finds it gone
			AuthRedisKeys keys = new AuthRedisKeys(properties.getRedis().getKeyPrefix());
			repository.markLocksOnDelete(keys::refreshLock, SessionRefreshLock.RELEASED,
					SessionRefreshLock.RELEASE_MARK_LIFETIME);
			return repository;
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
