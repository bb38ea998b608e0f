package io.github.authstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.provider.ProviderHttpClients;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The HTTP clients of every call to a provider, from Boot's HTTP client machinery:
 * {@code auth.http.*} timeouts over the application's HTTP client settings, and each
 * provider's SSL bundle. Imported by {@link AuthProvidersAutoConfiguration} and by
 * {@link AuthLoginConfiguration}; applications do not import it.
 */
@Configuration(proxyBeanMethods = false)
public final class AuthHttpConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProviderHttpClients authProviderHttpClients(AuthProperties properties,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factories, ObjectProvider<HttpClientSettings> settings,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<RestClient.Builder> builders,
			ObjectProvider<ObservationRegistry> observations) {
		Map<String, SslBundle> bundles = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> {
			String name = provider.getSslBundle();
			if (name != null) {
				SslBundle bundle = bundle(sslBundles.getIfAvailable(), "auth.providers." + id + ".ssl-bundle", name);
				if (MutualTls.authenticates(provider.getClientAuthenticationMethod()) && !MutualTls.hasKey(bundle)) {
					throw new InvalidConfigurationPropertyValueException("auth.providers." + id + ".ssl-bundle", name,
							"client-authentication-method " + provider.getClientAuthenticationMethod()
									+ " presents the bundle's client certificate: give the bundle a key store");
				}
				bundles.put(id, bundle);
			}
			// an API's own, under its registration id (provider/api)
			provider.getApis().forEach((api, apiSettings) -> {
				if (apiSettings.getSslBundle() != null) {
					bundles.put(id + "/" + api, bundle(sslBundles.getIfAvailable(),
							"auth.providers." + id + ".apis." + api + ".ssl-bundle", apiSettings.getSslBundle()));
				}
			});
		});
		AuthHttpProperties http = properties.getHttp();
		HttpClientSettings base = settings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(http.getConnectTimeout(), http.getReadTimeout());
		return new ProviderHttpClients(factories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect), base,
				bundles::get, () -> builders.getIfAvailable(RestClient::builder),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	private static SslBundle bundle(SslBundles bundles, String property, String name) {
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException(property, name, "there are no SSL bundles");
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"no SSL bundle of that name: define it under spring.ssl.bundle");
		}
	}

}
