package io.github.authstarter.user;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.LocalHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code currentUser.bearerToken(provider)} against an API that refuses tokens: a
 * {@code 401} causes one refresh at the real provider and one retry with the new token;
 * an API that keeps refusing costs exactly one refresh and one retry, then its answer.
 */
class BearerTokenRetryIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	/** The tokens the API refuses; it records every token it is sent. */
	private static final Set<String> refused = ConcurrentHashMap.newKeySet();

	private static final List<String> seen = new CopyOnWriteArrayList<>();

	private static volatile boolean refuseAll;

	private static final HttpServer api = LocalHttpServer.start(BearerTokenRetryIntegrationTests::answer);

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("test.api.url", "http://127.0.0.1:" + api.getAddress().getPort() + "/resource");
		return properties;
	});

	private static void answer(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String token = (authorization != null) ? authorization.substring("Bearer ".length()) : "";
		seen.add(token);
		boolean ok = !refuseAll && !refused.contains(token);
		byte[] body = (ok ? "resource for the bearer" : "refused").getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	@AfterAll
	static void stopApi() {
		api.stop(0);
	}

	@Test
	void aRefusedTokenIsRefreshedOnceAndTheCallRetriedOnce() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			String token = browser.get(bed.apps().url(0) + "/api/token").body();
			refused.add(token);
			seen.clear();
			int grants = provider.refreshGrants();
			assertThat(browser.get(bed.apps().url(1) + "/api/external").body()).isEqualTo("resource for the bearer");
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			assertThat(seen).hasSize(2).first().isEqualTo(token);
			assertThat(seen.get(1)).isNotEqualTo(token);
			// the new token is the session's now, on every instance
			assertThat(browser.get(bed.apps().url(0) + "/api/token").body()).isEqualTo(seen.get(1));
		}
	}

	@Test
	void anApiThatKeepsRefusingCostsOneRefreshAndOneRetry() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(0));
			refuseAll = true;
			seen.clear();
			int grants = provider.refreshGrants();
			assertThat(browser.get(bed.apps().url(1) + "/api/external").body()).isEqualTo("api answered 401");
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			assertThat(seen).hasSize(2);
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).as("still signed in")
				.isEqualTo(200);
		}
		finally {
			refuseAll = false;
		}
	}

}
