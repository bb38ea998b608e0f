package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.authstarter.provider.AppleClientSecret;
import io.github.authstarter.provider.CachingIdTokenDecoderFactory;
import io.github.authstarter.provider.ClientAssertionAudience;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.IdTokenValidatorFactory;
import io.github.authstarter.provider.IssuerDiscovery;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.provider.ProviderProfile;
import io.github.authstarter.provider.ProviderProfiles;
import io.github.authstarter.provider.ProviderRegistrations;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

/**
 * Turns {@code auth.providers.*} into client registrations. Runs before Boot's OAuth2
 * client auto-configuration so Boot's in-memory registrations never win.
 */
@AutoConfiguration(before = OAuth2ClientAutoConfiguration.class)
@ConditionalOnClass(ClientRegistration.class)
@Conditional(AuthProvidersConfiguredCondition.class)
@EnableConfigurationProperties(AuthProperties.class)
@Import({ AuthHttpConfiguration.class, AuthClockConfiguration.class, AuthObservationConfiguration.class })
public final class AuthProvidersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IssuerDiscovery authIssuerDiscovery(ProviderHttpClients http) {
		return new IssuerDiscovery(http);
	}

	@Bean
	@ConditionalOnMissingBean(ClientRegistrationRepository.class)
	DiscoveringClientRegistrationRepository clientRegistrationRepository(AuthProperties properties,
			IssuerDiscovery discovery, @Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks,
			Environment environment, ObjectProvider<StoredProviders> stored) {
		Map<String, String> boot = Binder.get(environment)
			.bind("spring.security.oauth2.client.registration", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		if (!boot.isEmpty()) {
			Set<String> ids = new TreeSet<>();
			boot.keySet().forEach((key) -> ids.add(key.contains(".") ? key.substring(0, key.indexOf('.')) : key));
			throw ForeignRegistrationsException.bootProperties(ids, properties.getProviders().keySet());
		}
		Clock clock = AuthClockConfiguration.of(clocks);
		DiscoveringClientRegistrationRepository repository = new DiscoveringClientRegistrationRepository(
				new ProviderDefinitionMapper(properties).definitions(), discovery,
				properties.getDiscovery().getInitialBackoff(), properties.getDiscovery().getMaxBackoff(),
				properties.getDiscovery().getRefreshInterval(), clock)
			.withGeneratedSecrets(appleSecrets(properties, clock));
		StoredProviders providers = stored.getIfAvailable();
		if (providers != null) {
			// held from the summaries in memory: a login start is counted before any read
			repository.withStoredProviders(providers::holds, (id) -> {
				CompiledProvider provider = providers.active(id);
				return (provider != null) ? provider.definition() : null;
			}, (tenant) -> providers.ofTenant(tenant).stream().map(CompiledProvider::definition).toList())
				.withStoredRegistrationCheck(new StoredProviderCompiler(properties, clock)::checkDiscovered);
		}
		return repository;
	}

	/**
	 * An application's own registrations beside {@code auth.providers} would switch the
	 * starter off without a word: refused at startup, saying what to do.
	 */
	@Bean
	@Lazy(false)
	@ConditionalOnBean(ClientRegistrationRepository.class)
	@ConditionalOnMissingBean(ProviderRegistrations.class)
	static Object authRefusesForeignRegistrations(ConfigurableListableBeanFactory beans, AuthProperties properties) {
		String name = beans.getBeanNamesForType(ClientRegistrationRepository.class)[0];
		throw ForeignRegistrationsException.repository(name, String.valueOf(beans.getType(name)),
				properties.getProviders().keySet());
	}

	/**
	 * Apple's client secrets, generated from the team's key instead of signed by hand.
	 */
	private static Map<String, Supplier<String>> appleSecrets(AuthProperties properties, Clock clock) {
		Map<String, Supplier<String>> secrets = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> {
			if (provider.getPrivateKey() != null && provider.getTeamId() != null && provider.getKeyId() != null) {
				String property = "auth.providers." + id + ".private-key";
				try {
					secrets.put(id,
							new AppleClientSecret(provider.getTeamId().strip(), provider.getKeyId().strip(),
									provider.getClientId().strip(),
									ClientKeyLoader.appleKey(property, provider.getPrivateKey()), clock));
				}
				catch (IllegalArgumentException ex) {
					throw ProviderPropertiesValidator.invalid(property, provider.getPrivateKey().getDescription(),
							ex.getMessage());
				}
			}
		});
		return secrets;
	}

	/**
	 * How each provider's client authenticates: secrets, or assertions signed with the
	 * key of {@code private_key_jwt} or the secret of {@code client_secret_jwt}, loaded
	 * and checked here, at startup, for the audience its preset or its issuer calls for.
	 */
	@Bean
	@ConditionalOnMissingBean
	ClientCredentials authClientCredentials(AuthProperties properties, ObjectProvider<SslBundles> bundles,
			ObjectProvider<ProviderRegistrations> registrations,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks,
			ObjectProvider<StoredProviders> stored) {
		Map<String, JWK> keys = new LinkedHashMap<>();
		Map<String, ClientAssertionAudience> audiences = new LinkedHashMap<>();
		Set<String> ps256 = new LinkedHashSet<>();
		ProviderRegistrations repository = registrations.getIfAvailable();
		properties.getProviders().forEach((id, provider) -> {
			JWK key = ClientKeyLoader.assertionKey(id, provider, bundles.getIfAvailable());
			if (provider.getProfile() != null && !MutualTls.authenticates(provider.getClientAuthenticationMethod())) {
				checkProfileKey(id, provider, key);
				ps256.add(id);
			}
			if (key != null) {
				keys.put(id, key);
				ProviderDefinition definition = (repository != null) ? repository.definition(id) : null;
				// FAPI 2.0: the issuer, and nothing else, whatever a preset prefers
				audiences.put(id, (provider.getProfile() != null) ? ClientAssertionAudience.ISSUER
						: assertionAudience(provider.getClientAssertionAudience(), definition));
			}
		});
		StoredProviders providers = stored.getIfAvailable();
		return new ClientCredentials(ProviderSettingMap.of(keys, providers, CompiledProvider::assertionKey),
				ProviderSettingMap.of(audiences, providers,
						(provider) -> (provider.assertionKey() != null) ? ClientAssertionAudience
							.of(provider.settings().getClientAssertionAudience(), provider.definition()) : null),
				ps256, AuthClockConfiguration.of(clocks));
	}

	/**
	 * FAPI 2.0 allows PS256, ES256 and EdDSA only: an EC P-256 key signs ES256, an RSA
	 * key of 2048 bits or more PS256.
	 */
	private static void checkProfileKey(String id, AuthProviderProperties provider, @Nullable JWK key) {
		boolean p256 = key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
		boolean rsa = key instanceof RSAKey rsaKey && rsaKey.size() >= 2048;
		if (!p256 && !rsa) {
			throw new InvalidConfigurationPropertyValueException(
					"auth.providers." + id
							+ ((provider.getClientKey().getBundle() != null) ? ".client-key.bundle"
									: ".client-key.location"),
					(key != null) ? key.getKeyType().getValue() + " key" : null,
					"profile fapi2 signs client assertions with ES256 or PS256: use an EC P-256 key or an RSA key "
							+ "of 2048 bits or more");
		}
	}

	/**
	 * With the application's own registrations nothing here knows the provider: the
	 * issuer unless configured otherwise, and the token endpoint where the registration
	 * names no issuer.
	 */
	private static ClientAssertionAudience assertionAudience(@Nullable ClientAssertionAudience configured,
			@Nullable ProviderDefinition definition) {
		if (definition == null) {
			return (configured != null) ? configured : ClientAssertionAudience.ISSUER;
		}
		return ClientAssertionAudience.of(configured, definition);
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderKeySets authProviderKeySets(AuthProperties properties, ProviderHttpClients http,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks,
			ObjectProvider<StoredProviders> stored) {
		Map<String, Duration> intervals = new LinkedHashMap<>();
		Map<String, Duration> maxAges = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> {
			intervals.put(id, provider.getJwksRefetchInterval());
			maxAges.put(id, provider.getJwksMaxAge());
		});
		StoredProviders providers = stored.getIfAvailable();
		Map<String, Duration> refetch = ProviderSettingMap.of(intervals, providers,
				(provider) -> provider.settings().getJwksRefetchInterval());
		Map<String, Duration> ages = ProviderSettingMap.of(maxAges, providers,
				(provider) -> provider.settings().getJwksMaxAge());
		return new ProviderKeySets(http,
				(id) -> refetch.getOrDefault(id, AuthProviderProperties.DEFAULT_JWKS_REFETCH_INTERVAL),
				(id) -> ages.getOrDefault(id, ProviderKeySets.DEFAULT_MAX_AGE), AuthClockConfiguration.of(clocks));
	}

	/**
	 * The providers' security profiles ({@code auth.providers.<id>.profile}).
	 */
	@Bean
	@ConditionalOnMissingBean
	ProviderProfiles authProviderProfiles(AuthProperties properties, ObjectProvider<ClientCredentials> credentials) {
		Map<String, ProviderProfile> profiles = new LinkedHashMap<>();
		Map<String, String> algorithms = new LinkedHashMap<>();
		Map<String, String> mutualTls = new LinkedHashMap<>();
		ClientCredentials keys = credentials.getIfAvailable(() -> ClientCredentials.NONE);
		properties.getProviders().forEach((id, provider) -> {
			if (provider.getProfile() != null) {
				profiles.put(id, provider.getProfile());
				String algorithm = keys.signingAlgorithm(id);
				if (algorithm != null) {
					algorithms.put(id, algorithm);
				}
				if (MutualTls.authenticates(provider.getClientAuthenticationMethod())) {
					mutualTls.put(id, provider.getClientAuthenticationMethod());
				}
			}
		});
		return new ProviderProfiles(profiles, algorithms, mutualTls);
	}

	@Bean
	@ConditionalOnMissingBean(name = "authIdTokenDecoderFactory")
	JwtDecoderFactory<ClientRegistration> authIdTokenDecoderFactory(ObjectProvider<ProviderRegistrations> registrations,
			ProviderKeySets keySets, @Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks,
			ObjectProvider<ProviderProfiles> profiles) {
		ProviderRegistrations repository = registrations.getIfAvailable();
		Clock clock = AuthClockConfiguration.of(clocks);
		// without the starter's repository (an application's own is refused at startup),
		// Spring Security's standard checks
		Function<ClientRegistration, OAuth2TokenValidator<Jwt>> validators = (repository != null)
				? new IdTokenValidatorFactory(repository, clock)
				: (registration) -> IdTokenValidatorFactory.standard(registration, clock);
		return new CachingIdTokenDecoderFactory(validators, keySets,
				profiles.getIfAvailable(() -> ProviderProfiles.NONE)::idTokenAlgorithms);
	}

}
