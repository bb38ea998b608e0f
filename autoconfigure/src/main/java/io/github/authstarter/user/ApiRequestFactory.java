package io.github.authstarter.user;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * The one HTTP client behind every {@code currentUser.apiClient(...)}, made on first use:
 * a JDK client holds a selector thread and a connection pool, too much to make per call.
 * It never follows a redirect, since a client that does sends the {@code Authorization}
 * header on to wherever the API redirects, another host included.
 */
final class ApiRequestFactory {

	static final JdkClientHttpRequestFactory INSTANCE = create();

	private ApiRequestFactory() {
	}

	private static JdkClientHttpRequestFactory create() {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build());
		requests.setReadTimeout(Duration.ofSeconds(30));
		return requests;
	}

}
