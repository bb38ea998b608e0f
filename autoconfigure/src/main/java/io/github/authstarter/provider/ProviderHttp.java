package io.github.authstarter.provider;

import java.time.Duration;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * HTTP clients for a provider's token, user-info and JWKS endpoints with bounded connect
 * and read timeouts: Spring Security's defaults have none, so a provider that stops
 * answering would hold a request thread for ever.
 */
public final class ProviderHttp {

	private ProviderHttp() {
	}

	/**
	 * A client for token endpoints, as Spring Security's token response clients expect.
	 * @param timeout the connect and read timeout
	 * @return the client
	 */
	public static RestClient tokenEndpointClient(Duration timeout) {
		return RestClient.builder().requestFactory(requestFactory(timeout)).configureMessageConverters((converters) -> {
			converters.addCustomConverter(new FormHttpMessageConverter());
			converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
		}).defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build();
	}

	/**
	 * A plain client for other provider APIs.
	 * @param timeout the connect and read timeout
	 * @return the client
	 */
	public static RestClient restClient(Duration timeout) {
		return RestClient.builder().requestFactory(requestFactory(timeout)).build();
	}

	/**
	 * A template for user-info and JWKS endpoints.
	 * @param timeout the connect and read timeout
	 * @return the template
	 */
	public static RestTemplate restTemplate(Duration timeout) {
		return new RestTemplate(requestFactory(timeout));
	}

	private static SimpleClientHttpRequestFactory requestFactory(Duration timeout) {
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(timeout);
		requestFactory.setReadTimeout(timeout);
		return requestFactory;
	}

}
