package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import javax.sql.DataSource;

import io.github.authstarter.redis.AuthRedisKeys;
import io.github.authstarter.session.SessionAdmission;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.session.TokenCipher;
import io.github.authstarter.tenant.HomeRealms;
import io.github.authstarter.tenant.JdbcProviderStore;
import io.github.authstarter.tenant.ProviderChanges;
import io.github.authstarter.tenant.ProviderSource;
import io.github.authstarter.tenant.RedisProviderChanges;
import io.github.authstarter.tenant.RedisProviderStore;
import io.github.authstarter.tenant.TenantBoundary;
import io.github.authstarter.tenant.TenantResolver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
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
 * Many tenants: tenants resolved per request and kept apart ({@code auth.tenants.*}), and
 * providers kept in a store besides {@code auth.providers.*}: the starter's Redis
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
@Import(AuthTenantResolverConfiguration.class)
public final class AuthTenantsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(AuthTenantsAutoConfiguration.class);

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
		Duration refresh = properties.getProviderStore().getRefreshInterval();
		if (refresh == null || refresh.compareTo(Duration.ofSeconds(1)) < 0) {
			// each instance reads every summary that often: less would read the store per
			// request
			throw new InvalidConfigurationPropertyValueException("auth.provider-store.refresh-interval", refresh,
					"must be at least 1s");
		}
		StoredProviders stored = new StoredProviders(source, new StoredProviderCompiler(properties, clock), clock,
				properties.getProviderStore().getRefreshInterval());
		if (changes.getIfAvailable() instanceof RedisProviderChanges redis) {
			redis.listen(stored);
		}
		return stored;
	}

	/**
	 * Tenants kept apart, when the application resolves them: sign-ins are bound to their
	 * tenant, and a stored provider of one tenant signs in on its requests only.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(TenantResolver.class)
	TenantBoundary authTenantBoundary(TenantResolver resolver, ObjectProvider<StoredProviders> stored,
			ObjectProvider<SessionUserStore> sessions, AuthProperties properties) {
		StoredProviders providers = stored.getIfAvailable();
		Set<String> configured = Set.copyOf(properties.getProviders().keySet());
		// from memory: a login URL naming any id reads nothing from the store
		TenantBoundary boundary = new TenantBoundary(resolver,
				(id) -> (configured.contains(id) || providers == null) ? null : providers.tenantOf(id),
				providerAdmission(properties, providers));
		sessions.ifAvailable((store) -> store.admitWith(boundary));
		return boundary;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "auth.tenants.email-sign-in", havingValue = "true")
	HomeRealms authHomeRealms(AuthProperties properties, ObjectProvider<StoredProviders> stored,
			ObjectProvider<TenantBoundary> tenants) {
		return new EmailDomainHomeRealms(properties, stored.getIfAvailable(), tenants.getIfAvailable());
	}

	/**
	 * The cipher that seals stored client secrets, said once at startup when it does not
	 * encrypt.
	 */
	static TokenCipher sealing(TokenCipher cipher) {
		if (!cipher.encrypts()) {
			logger.warn("Stored providers' client secrets are kept in clear in the provider store: anyone who can "
					+ "read it can use them. Set auth.session.encryption-key to seal them.");
		}
		return cipher;
	}

	/**
	 * A sign-in through a stored provider that was removed or disabled has ended;
	 * {@code auth.providers.*} are there for the application's lifetime.
	 */
	static SessionAdmission providerAdmission(AuthProperties properties, @Nullable StoredProviders providers) {
		if (providers == null) {
			return SessionAdmission.ALWAYS;
		}
		Set<String> configured = Set.copyOf(properties.getProviders().keySet());
		return (request, user) -> (configured.contains(user.provider()) || !providers.ended(user.provider()))
				? SessionAdmission.Verdict.ADMITTED : SessionAdmission.Verdict.ENDED;
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
					}), sealing(cipher.getIfAvailable(() -> TokenCipher.NONE)), clock);
		}

	}

	/**
	 * A jdbc store without a database would leave every stored provider unknown without a
	 * word: refused at startup, saying what to add.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "auth.provider-store.type", havingValue = "jdbc")
	@ConditionalOnMissingBean({ DataSource.class, ProviderSource.class })
	static class JdbcStoreWithoutDataSourceConfiguration {

		@Bean
		@Lazy(false)
		static Object authProviderStoreNeedsADataSource() {
			throw new InvalidConfigurationPropertyValueException("auth.provider-store.type", "jdbc",
					"the jdbc store keeps providers in the application's DataSource, and there is none: add "
							+ "spring-boot-starter-jdbc and spring.datasource.url, or use type redis");
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
					sealing(cipher.getIfAvailable(() -> TokenCipher.NONE)));
		}

	}

}
