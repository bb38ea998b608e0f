package io.github.authstarter.autoconfigure;

import java.time.Clock;

import io.github.authstarter.redis.AuthRedisKeys;
import io.github.authstarter.session.TokenCipher;
import io.github.authstarter.tenant.ProviderChanges;
import io.github.authstarter.tenant.ProviderSource;
import io.github.authstarter.tenant.RedisProviderChanges;
import io.github.authstarter.tenant.RedisProviderStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Providers kept in a store besides {@code auth.providers.*}: the starter's Redis
 * ({@code auth.provider-store.type=redis}) or an application's own
 * {@link ProviderSource}. Changes are announced on Redis pub/sub, so every instance sees
 * a provider added, changed, disabled or removed within a second.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ ClientRegistration.class, StringRedisTemplate.class })
@Conditional(AuthProvidersConfiguredCondition.class)
@EnableConfigurationProperties(AuthProperties.class)
public final class AuthProviderStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(StringRedisTemplate.class)
	ProviderChanges authProviderChanges(StringRedisTemplate redis, AuthProperties properties) {
		return new RedisProviderChanges(redis,
				new AuthRedisKeys(properties.getRedis().getKeyPrefix()).storedProviderChanges());
	}

	@Bean
	@ConditionalOnBean(ProviderSource.class)
	StoredProviders authStoredProviders(ProviderSource source, AuthProperties properties,
			ObjectProvider<ProviderChanges> changes,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		Clock clock = AuthClockConfiguration.of(clocks);
		StoredProviders stored = new StoredProviders(source, new StoredProviderCompiler(properties, clock), clock,
				properties.getProviderStore().getRefreshInterval());
		if (changes.getIfAvailable() instanceof RedisProviderChanges redis) {
			redis.listen(stored);
		}
		return stored;
	}

	@Bean
	@ConditionalOnBean({ ProviderSource.class, RedisConnectionFactory.class })
	RedisMessageListenerContainer authProviderChangesListener(RedisConnectionFactory connections,
			ObjectProvider<ProviderChanges> changes, AuthProperties properties) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		if (changes.getIfAvailable() instanceof MessageListener listener) {
			container.addMessageListener(listener,
					new ChannelTopic(new AuthRedisKeys(properties.getRedis().getKeyPrefix()).storedProviderChanges()));
		}
		return container;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "auth.provider-store.type", havingValue = "redis")
	@ConditionalOnBean(StringRedisTemplate.class)
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(ProviderSource.class)
		RedisProviderStore authProviderStore(StringRedisTemplate redis, AuthProperties properties,
				ProviderChanges changes, ObjectProvider<TokenCipher> cipher,
				@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
			return new RedisProviderStore(redis, new AuthRedisKeys(properties.getRedis().getKeyPrefix()),
					new StoredProviderCompiler(properties, AuthClockConfiguration.of(clocks)), changes,
					cipher.getIfAvailable(() -> TokenCipher.NONE));
		}

	}

}
