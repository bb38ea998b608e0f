package io.github.authstarter.user;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * {@code currentUser.apis().bearerToken(provider)} and an API's own token against an API
 * that refuses tokens: a {@code 401} for a token older than
 * {@code auth.apis.retry-cooldown} causes one refresh at the real provider and one retry
 * with the new token; a {@code 401} for a younger one is the answer, so an API that keeps
 * refusing costs one grant per cooldown, for the sign-in's token and for each API's.
 */
class BearerTokenRetryIntegrationTests {

	/**
	 * Short and waited out: a token's age counts from the system time Spring Security
	 * stamped it with when it arrived, which no test clock moves.
	 */
	private static final Duration COOLDOWN = Duration.ofSeconds(30);

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create().apiScope("graph.read", "graph-api");

	/** The tokens the API refuses; it records every token it is sent. */
	private static final Set<String> refused = ConcurrentHashMap.newKeySet();

	private static final List<String> seen = new CopyOnWriteArrayList<>();

	private static volatile boolean refuseAll;

	private static final HttpServer api = LocalHttpServer.start(BearerTokenRetryIntegrationTests::answer);

	private static final String API = "http://127.0.0.1:" + api.getAddress().getPort();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("test.api.url", API + "/resource");
		properties.put("auth.apis.retry-cooldown", COOLDOWN.toSeconds() + "s");
		properties.put("auth.providers.test.scopes", "openid,profile,email,graph.read");
		properties.put("auth.providers.test.apis.graph.scopes", "graph.read");
		properties.put("auth.providers.test.apis.graph.base-url", API + "/graph");
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
	void aRefusedTokenOlderThanTheCooldownIsRefreshedOnceAndTheCallRetriedOnce() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			String token = browser.get(bed.apps().url(0) + "/api/token").body();
			refused.add(token);
			waitPastTheCooldown();
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
	void anApiThatKeepsRefusingCostsOneGrantPerCooldown() throws Exception {
		provider.addUser("cooldown-carla", Map.of("name", "Carla Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "cooldown-carla", bed.apps().url(0));
			refuseAll = true;
			seen.clear();
			int grants = provider.refreshGrants();
			// the sign-in's token is brand new: the API's refusal is the answer
			assertThat(browser.get(bed.apps().url(1) + "/api/external").body()).isEqualTo("api answered 401");
			assertThat(provider.refreshGrants()).isEqualTo(grants);
			assertThat(seen).hasSize(1);
			waitPastTheCooldown();
			// older than the cooldown: one refresh and one retry, then, within the
			// cooldown of the new token, the refusal as is on either instance
			for (int i = 0; i < 4; i++) {
				assertThat(browser.get(bed.apps().url(i % 2) + "/api/external").body()).isEqualTo("api answered 401");
			}
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			assertThat(seen).hasSize(1 + 2 + 3);
			waitPastTheCooldown();
			assertThat(browser.get(bed.apps().url(0) + "/api/external").body()).isEqualTo("api answered 401");
			assertThat(provider.refreshGrants()).isEqualTo(grants + 2);
			assertThat(seen).hasSize(6 + 2);
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").statusCode()).as("still signed in")
				.isEqualTo(200);
		}
		finally {
			refuseAll = false;
		}
	}

	@Test
	void eachApisTokenAndTheSignInsHaveACooldownOfTheirOwn() throws Exception {
		provider.addUser("cooldown-dora", Map.of("name", "Dora Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "cooldown-dora", bed.apps().url(0));
			refuseAll = true;
			int grants = provider.refreshGrants();
			// the API's first token costs a grant; refused, it is not replaced
			assertThat(callGraph(browser, 0)).isEqualTo("api answered 401");
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			assertThat(browser.get(bed.apps().url(1) + "/api/external").body()).isEqualTo("api answered 401");
			assertThat(provider.refreshGrants()).isEqualTo(grants + 1);
			waitPastTheCooldown();
			// both older than the cooldown: the API's new token does not hold back the
			// sign-in's refresh, nor the other way round
			assertThat(callGraph(browser, 1)).isEqualTo("api answered 401");
			assertThat(provider.refreshGrants()).isEqualTo(grants + 2);
			assertThat(browser.get(bed.apps().url(0) + "/api/external").body()).isEqualTo("api answered 401");
			assertThat(provider.refreshGrants()).isEqualTo(grants + 3);
			assertThat(callGraph(browser, 0)).isEqualTo("api answered 401");
			assertThat(browser.get(bed.apps().url(1) + "/api/external").body()).isEqualTo("api answered 401");
			assertThat(provider.refreshGrants()).isEqualTo(grants + 3);
		}
		finally {
			refuseAll = false;
		}
	}

	private static String callGraph(Browser browser, int instance) {
		return browser
			.get(bed.apps().url(instance) + "/api/apis/graph/call?url="
					+ URLEncoder.encode(API + "/graph/me", StandardCharsets.UTF_8))
			.body();
	}

	/**
	 * Moves the instances' clock past the cooldown: the record keeps a token's issue time
	 * to the second, hence the extra second.
	 */
	private static void waitPastTheCooldown() {
		bed.clock().advance(COOLDOWN.plusSeconds(1));
	}

}
