package io.github.authstarter.provider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the API clients of {@link ProviderHttpClients}: whatever the application
 * configured for its own HTTP clients, an API client never follows a redirect (it would
 * carry the user's token to wherever the API points), and never changes a builder the
 * application shares.
 */
class ProviderHttpClientsApiTests {

	private HttpServer server;

	private String base;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/moved", (exchange) -> {
			exchange.getResponseHeaders().add("Location", this.base + "/elsewhere");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		this.server.createContext("/elsewhere", (exchange) -> {
			byte[] body = "followed".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		this.base = "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void anApiClientHandsARedirectBackEvenWhenTheApplicationsClientsFollowThem() {
		// an application that makes every client follow redirects, by its settings and by
		// a customizer that Boot applies after them
		ClientHttpRequestFactoryBuilder<?> following = ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer((client) -> client.followRedirects(HttpClient.Redirect.ALWAYS));
		ProviderHttpClients clients = new ProviderHttpClients(following,
				HttpClientSettings.defaults().withRedirects(HttpRedirects.FOLLOW), (id) -> null, RestClient::builder,
				ObservationRegistry.NOOP);
		ResponseEntity<String> answer = clients.apiClientBuilder("corp")
			.build()
			.get()
			.uri(this.base + "/moved")
			.retrieve()
			.toEntity(String.class);
		assertThat(answer.getStatusCode().value()).isEqualTo(302);
		assertThat(answer.getBody()).isNull();
		// the provider's own clients do follow the application's settings
		assertThat(clients.restClient("corp").get().uri(this.base + "/moved").retrieve().body(String.class))
			.isEqualTo("followed");
	}

	@Test
	void anApiClientNeverChangesABuilderTheApplicationShares() {
		RestClient.Builder shared = RestClient.builder();
		ProviderHttpClients clients = new ProviderHttpClients(ClientHttpRequestFactoryBuilder.jdk(),
				HttpClientSettings.defaults(), (id) -> null, () -> shared, ObservationRegistry.NOOP);
		RestClient.Builder api = clients.apiClientBuilder("corp");
		api.baseUrl(this.base).requestInterceptor((request, body, execution) -> {
			throw new IllegalStateException("the API's interceptor reached another client");
		});
		assertThat(api).isNotSameAs(shared);
		assertThat(shared.build().get().uri(this.base + "/elsewhere").retrieve().body(String.class))
			.isEqualTo("followed");
	}

}
