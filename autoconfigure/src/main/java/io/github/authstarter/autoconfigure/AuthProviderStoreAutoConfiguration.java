package io.github.authstarter.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import io.github.authstarter.redis.AuthRedisKeys;
import io.github.authstarter.session.TokenCipher;
import io.github.authstarter.tenant.JdbcProviderStore;
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
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Providers kept in a store besides {@code auth.providers.*}: the starter's Redis
 * ({@code auth.provider-store.type=redis}), the application's database
 * ({@code auth.provider-store.type=jdbc}) or an application's own {@link ProviderSource}.
 * Changes are announced on Redis pub/sub, so every instance sees a provider added,
 * changed, disabled or removed within a second.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
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
	@ConditionalOnProperty(name = "auth.provider-store.type", havingValue = "jdbc")
	@ConditionalOnClass(JdbcClient.class)
	@ConditionalOnBean(DataSource.class)
	static class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(ProviderSource.class)
		JdbcProviderStore authProviderStore(DataSource dataSource, AuthProperties properties,
				ObjectProvider<ProviderChanges> changes, ObjectProvider<TokenCipher> cipher,
				@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
			if (properties.getProviderStore().isInitializeSchema()) {
				new ResourceDatabasePopulator(new ClassPathResource("io/github/authstarter/tenant/schema.sql"))
					.execute(dataSource);
			}
			Clock clock = AuthClockConfiguration.of(clocks);
			return new JdbcProviderStore(JdbcClient.create(dataSource), new StoredProviderCompiler(properties, clock),
					changes.getIfAvailable(() -> (id) -> {
					}), cipher.getIfAvailable(() -> TokenCipher.NONE), clock);
		}

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
