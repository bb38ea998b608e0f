package io.github.authstarter.tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

import io.github.authstarter.test.server.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the integration tests of stored providers and tenants share: waiting for a change
 * announced on one instance to show on another, and carrying a session cookie where the
 * browser would not.
 */
final class TenantTestSupport {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private TenantTestSupport() {
	}

	/**
	 * Polls for what a change announced on Redis makes true on another instance; the
	 * second is the contract, not a measure of speed.
	 */
	static void awaitWithinASecond(Supplier<Boolean> condition) {
		awaitWithin(1_000, condition);
	}

	static void awaitWithin(long millis, Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + millis * 1_000_000L;
		while (!condition.get()) {
			assertThat(System.nanoTime()).as("seen within " + millis + " ms").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	/** A provider saved on one instance is listed on the other within a second. */
	static String awaitPage(Browser browser, String url, String expected) {
		long deadline = System.nanoTime() + 1_000_000_000L;
		String page = browser.get(url).body();
		while (!page.contains(expected)) {
			assertThat(System.nanoTime()).as("listed within a second").isLessThan(deadline);
			page = browser.get(url).body();
		}
		return page;
	}

	/** The status of a JSON request carrying a session cookie, wherever it is sent. */
	static int withSession(String url, String session) {
		try {
			return CLIENT
				.send(HttpRequest.newBuilder(URI.create(url))
					.header("Cookie", "SESSION=" + session)
					.header("Accept", "application/json")
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
