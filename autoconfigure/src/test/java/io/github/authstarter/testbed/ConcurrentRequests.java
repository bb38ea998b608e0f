package io.github.authstarter.testbed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A burst of GETs with one session cookie, sent together from threads of their own and
 * spread over the given instances in turn: what the single-flight tests load a session
 * with.
 */
public final class ConcurrentRequests {

	private ConcurrentRequests() {
	}

	/**
	 * Sends the burst and waits for every answer.
	 * @param count how many requests
	 * @param session the {@code SESSION} cookie's value
	 * @param urls the URLs, used in turn
	 * @return the answers, in the order sent
	 * @throws Exception when a request could not be sent
	 */
	public static List<HttpResponse<String>> get(int count, String session, String... urls) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		ExecutorService executor = Executors.newFixedThreadPool(count);
		try {
			List<Future<HttpResponse<String>>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				HttpRequest request = HttpRequest.newBuilder(URI.create(urls[i % urls.length]))
					.header("Cookie", "SESSION=" + session)
					.header("Accept", "application/json")
					.timeout(Duration.ofSeconds(30))
					.build();
				sent.add(executor.submit(() -> client.send(request, HttpResponse.BodyHandlers.ofString())));
			}
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (Future<HttpResponse<String>> answer : sent) {
				answers.add(answer.get());
			}
			return answers;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
