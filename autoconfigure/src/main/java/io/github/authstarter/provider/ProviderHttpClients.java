package io.github.authstarter.provider;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The HTTP clients of every call to a provider (discovery, token, user info, keys,
 * revocation, health), built with Spring Boot's machinery: the application's
 * {@link ClientHttpRequestFactoryBuilder} and {@link HttpClientSettings} (so proxies and
 * redirect settings apply), the provider's own SSL bundle where it has one (a private
 * CA), Boot's {@code RestClient.Builder} (so observations apply), and always bounded
 * timeouts: Spring Security's own clients wait for ever.
 */
public final class ProviderHttpClients {

	private final ClientHttpRequestFactoryBuilder<?> factories;

	private final HttpClientSettings settings;

	private final Function<String, @Nullable SslBundle> bundles;

	private final Supplier<RestClient.Builder> builders;

	private final ObservationRegistry observations;

	private final Map<String, ClientHttpRequestFactory> requestFactories = new ConcurrentHashMap<>();

	private final Map<String, ClientHttpRequestFactory> apiRequestFactories = new ConcurrentHashMap<>();

	private volatile @Nullable DpopProofs dpop;

	/**
	 * Creates the clients.
	 * @param factories builds the request factories
	 * @param settings the base settings, with the timeouts of every call
	 * @param bundles the SSL bundle of each provider, by provider id, or {@code null}
	 * @param builders new REST client builders
	 * @param observations records the calls
	 */
	public ProviderHttpClients(ClientHttpRequestFactoryBuilder<?> factories, HttpClientSettings settings,
			Function<String, @Nullable SslBundle> bundles, Supplier<RestClient.Builder> builders,
			ObservationRegistry observations) {
		this.factories = factories;
		this.settings = settings;
		this.bundles = bundles;
		this.builders = builders;
		this.observations = observations;
	}

	/**
	 * Plain JDK-based clients with the given timeouts and no SSL bundles: for tests and
	 * for components used without the starter's auto-configuration.
	 * @param timeout the connect and read timeout
	 * @return the clients
	 */
	public static ProviderHttpClients withTimeout(Duration timeout) {
		return new ProviderHttpClients(ClientHttpRequestFactoryBuilder.jdk(),
				HttpClientSettings.defaults().withTimeouts(timeout, timeout), (id) -> null, RestClient::builder,
				ObservationRegistry.NOOP);
	}

	/**
	 * The same clients with other timeouts, for a call that must not wait as long.
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @return the clients
	 */
	public ProviderHttpClients withTimeouts(Duration connectTimeout, Duration readTimeout) {
		return new ProviderHttpClients(this.factories, this.settings.withTimeouts(connectTimeout, readTimeout),
				this.bundles, this.builders, this.observations);
	}

	/**
	 * The request factory for calls to a provider.
	 * @param providerId the provider id, or {@code null} for calls on no one's behalf
	 * @return the factory
	 */
	public ClientHttpRequestFactory requestFactory(@Nullable String providerId) {
		String key = (providerId != null) ? providerId : "";
		return this.requestFactories.computeIfAbsent(key, (id) -> {
			SslBundle bundle = (providerId != null) ? this.bundles.apply(providerId) : null;
			return this.factories.build((bundle != null) ? this.settings.withSslBundle(bundle) : this.settings);
		});
	}

	/**
	 * A client for a provider's plain JSON endpoints.
	 * @param providerId the provider id, or {@code null}
	 * @return the client
	 */
	public RestClient restClient(@Nullable String providerId) {
		return builder().requestFactory(requestFactory(providerId)).build();
	}

	/**
	 * A client for a provider's token endpoint, as Spring Security's token response
	 * clients expect (form requests, token responses, OAuth2 error bodies).
	 * @param providerId the provider id
	 * @return the client
	 */
	public RestClient tokenEndpointClient(String providerId) {
		return withDpop(builder()).requestFactory(requestFactory(providerId))
			.configureMessageConverters((converters) -> {
				converters.addCustomConverter(new FormHttpMessageConverter());
				converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

	/**
	 * A template for the APIs of Spring Security that take {@code RestOperations} (user
	 * info, key sets).
	 * @param providerId the provider id, or {@code null}
	 * @return the template
	 */
	public RestTemplate restTemplate(@Nullable String providerId) {
		RestTemplate template = new RestTemplate(requestFactory(providerId));
		template.setObservationRegistry(this.observations);
		template.getInterceptors().add(this::dpopProof);
		return template;
	}

	/**
	 * Binds tokens to DPoP keys (RFC 9449): the token endpoint's and user info's clients
	 * sign a proof for each call that runs with a key. Called once, by the
	 * auto-configuration.
	 * @param dpop the proofs
	 */
	public void bindTokensWith(DpopProofs dpop) {
		this.dpop = dpop;
	}

	/**
	 * The DPoP proofs, if tokens are bound.
	 * @return the proofs, or {@code null}
	 */
	public @Nullable DpopProofs dpop() {
		return this.dpop;
	}

	/**
	 * Runs calls with a sign-in's DPoP key, if it has one and tokens are bound.
	 * @param key the key pair as a private JWK, or {@code null}
	 * @param work the calls
	 * @param <T> what they give
	 * @return what they gave
	 */
	public <T> T withDpopKey(@Nullable String key, Supplier<T> work) {
		DpopProofs dpop = this.dpop;
		return (dpop != null) ? dpop.with(key, work) : work.get();
	}

	/**
	 * Whether a token the provider answered must be refused: a bearer token where its
	 * {@code dpop} is required.
	 * @param providerId the provider
	 * @param token the token it answered
	 * @return whether to refuse it
	 */
	public boolean refusesBearer(String providerId, OAuth2AccessToken token) {
		DpopProofs dpop = this.dpop;
		return dpop != null && dpop.mode(providerId) == DpopMode.REQUIRED
				&& !OAuth2AccessToken.TokenType.DPOP.equals(token.getTokenType());
	}

	private RestClient.Builder withDpop(RestClient.Builder builder) {
		return builder.requestInterceptor(this::dpopProof);
	}

	/** Looked up per call: a client made before the proofs were bound still signs. */
	private ClientHttpResponse dpopProof(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		DpopProofs dpop = this.dpop;
		return (dpop != null) ? dpop.interceptor().intercept(request, body, execution)
				: execution.execute(request, body);
	}

	/**
	 * A client builder for an API the user's calls go to with the user's token: the
	 * provider's SSL bundle, the application's HTTP client settings, observations, a 5 s
	 * connect and 30 s read timeout, and never a followed redirect: a client that follows
	 * one sends the {@code Authorization} header on to wherever the API redirects,
	 * another host included, where no interceptor sees it. So the client is Boot's JDK
	 * client with redirects off, never the application's request factory builder, whose
	 * customizers could turn them back on.
	 * @param providerId the provider whose API it is
	 * @return a new builder
	 */
	public RestClient.Builder apiClientBuilder(String providerId) {
		return apiClientBuilder(providerId, null);
	}

	/**
	 * The same for one configured API, with the API's own SSL bundle where it has one.
	 * @param providerId the provider whose API it is
	 * @param api the API's name, or {@code null} for the provider's own APIs
	 * @return a new builder
	 */
	public RestClient.Builder apiClientBuilder(String providerId, @Nullable String api) {
		String registrationId = (api != null) ? providerId + "/" + api : providerId;
		ClientHttpRequestFactory requests = this.apiRequestFactories.computeIfAbsent(registrationId, (id) -> {
			HttpClientSettings settings = this.settings.withTimeouts(API_CONNECT_TIMEOUT, API_READ_TIMEOUT)
				.withRedirects(HttpRedirects.DONT_FOLLOW);
			SslBundle own = (api != null) ? this.bundles.apply(registrationId) : null;
			SslBundle bundle = (own != null) ? own : this.bundles.apply(providerId);
			return ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((client) -> client.followRedirects(HttpClient.Redirect.NEVER))
				.build((bundle != null) ? settings.withSslBundle(bundle) : settings);
		});
		return builder().requestFactory(requests);
	}

	/**
	 * A builder of our own: the application's may be one shared instance, and what is set
	 * here (a request factory, an API's base URL and token interceptor) must not reach
	 * its other clients.
	 */
	private RestClient.Builder builder() {
		return this.builders.get().clone();
	}

	private static final Duration API_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration API_READ_TIMEOUT = Duration.ofSeconds(30);

}
