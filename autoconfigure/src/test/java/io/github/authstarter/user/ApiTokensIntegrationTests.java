package io.github.authstarter.user;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.LocalHttpServer;
import io.github.authstarter.testbed.RecordedObservations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several APIs per sign-in against a real provider that rotates refresh tokens, on two
 * instances: an Entra-style API whose token comes from a refresh grant with its scope, a
 * Keycloak-style API whose token comes from an RFC 8693 token exchange, an API the user
 * has not granted; every token checked by its audience at an API of the test's own that
 * records what reaches it.
 */
class ApiTokensIntegrationTests {

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(30);

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.accessTokenTimeToLive(TOKEN_LIFETIME)
		.apiScope("graph.read", "graph-api")
		.apiScope("admin.write", "admin-api");

	/** Every request the API server got: its path and bearer token. */
	private static final List<String[]> received = new CopyOnWriteArrayList<>();

	/** Tokens the API refuses with 401. */
	private static final Set<String> refusedTokens = ConcurrentHashMap.newKeySet();

	private static final HttpServer api = LocalHttpServer.start(ApiTokensIntegrationTests::answer);

	private static final String API = "http://127.0.0.1:" + api.getAddress().getPort();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		String apis = "auth.providers.test.apis.";
		// the sign-in asks for graph.read, as an Entra app's consent covers Graph
		properties.put("auth.providers.test.scopes", "openid,profile,email,graph.read");
		properties.put("auth.refresh.skew", "500ms");
		// a new token for every refusal here; BearerTokenRetryIntegrationTests tests the
		// cooldown that spares a provider the grants
		properties.put("auth.apis.retry-cooldown", "0s");
		properties.put(apis + "graph.scopes", "graph.read");
		properties.put(apis + "graph.base-url", API + "/graph");
		properties.put(apis + "reports.grant", "token-exchange");
		properties.put(apis + "reports.audience", "reports-api");
		properties.put(apis + "reports.base-url", API + "/reports");
		properties.put(apis + "admin.scopes", "admin.write");
		properties.put(apis + "admin.base-url", API + "/admin");
		properties.put(apis + "own.grant", "login");
		properties.put(apis + "own.scopes", "email");
		properties.put(apis + "own.base-url", API + "/own");
		properties.put("test.api.url", API + "/reports");
		return properties;
	});

	/** Answers with the audience of the bearer token it got. */
	private static void answer(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String token = (authorization != null) ? authorization.substring("Bearer ".length()) : "";
		received.add(new String[] { exchange.getRequestURI().getPath(), token });
		if (exchange.getRequestURI().getPath().equals("/graph/moved")) {
			// to another host name: a client that follows carries the token along
			exchange.getResponseHeaders()
				.add("Location", "http://localhost:" + exchange.getLocalAddress().getPort() + "/graph/me");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
			return;
		}
		boolean refused = refusedTokens.contains(token);
		byte[] body = (refused ? "refused" : "aud=" + audience(token)).getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(refused ? 401 : 200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private static String audience(String token) {
		try {
			Map<String, Object> claims = JSONObjectUtils
				.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
			Object aud = claims.get("aud");
			return (aud instanceof List<?> list) ? String.join(",", list.stream().map(String::valueOf).toList())
					: String.valueOf(aud);
		}
		catch (Exception ex) {
			return "unreadable";
		}
	}

	@AfterAll
	static void stopApi() {
		api.stop(0);
	}

	@Test
	void twoApisGetTwoTokensFromOneSignInSharedByEveryInstance() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			String signIn = browser.get(bed.apps().url(0) + "/api/token").body();
			int exchanges = provider.tokenExchanges();
			int refreshes = provider.refreshGrants();
			// the exchange first: the test provider accepts only its newest access token
			// as a subject token, and a refresh grant replaces it
			assertThat(call(browser, 1, "reports", API + "/reports/summary")).isEqualTo("aud=reports-api");
			assertThat(call(browser, 0, "graph", API + "/graph/me")).isEqualTo("aud=graph-api");
			String reports = browser.get(bed.apps().url(0) + "/api/apis/reports/token").body();
			String graph = browser.get(bed.apps().url(1) + "/api/apis/graph/token").body();
			assertThat(List.of(signIn, reports, graph)).doesNotHaveDuplicates();
			assertThat(audience(signIn)).isEqualTo(provider.clientId());
			// stored in the session record: the other instance uses the same tokens
			assertThat(call(browser, 0, "reports", API + "/reports/summary")).isEqualTo("aud=reports-api");
			assertThat(call(browser, 1, "graph", API + "/graph/me")).isEqualTo("aud=graph-api");
			assertThat(provider.tokenExchanges()).isEqualTo(exchanges + 1);
			assertThat(provider.refreshGrants()).isEqualTo(refreshes + 1);
			assertThat(lastToken("/reports/summary")).isEqualTo(reports);
			assertThat(lastToken("/graph/me")).isEqualTo(graph);
			assertThat(browser.get(bed.apps().url(1) + "/api/token").body()).as("the sign-in's own token")
				.isEqualTo(signIn);
			// observed like a refresh, with the API's name
			assertThat(bed.apps().context(1).getBean(RecordedObservations.class).all())
				.contains("auth.api-token{api=reports, outcome=refreshed, provider=test}");
			assertThat(bed.apps().context(0).getBean(RecordedObservations.class).all())
				.contains("auth.api-token{api=graph, outcome=refreshed, provider=test}");
		}
	}

	@Test
	void afterExpiryConcurrentCallsOnTwoInstancesExchangeOnce() throws Exception {
		provider.addUser("tessa", Map.of("name", "Tessa Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "tessa", bed.apps().url(0));
			assertThat(call(browser, 0, "reports", API + "/reports/summary")).isEqualTo("aud=reports-api");
			String first = browser.get(bed.apps().url(0) + "/api/apis/reports/token").body();
			bed.clock().advance(TOKEN_LIFETIME.plusMillis(500));
			int exchanges = provider.tokenExchanges();
			int exchanged = provider.acceptedTokenExchanges();
			int refreshes = provider.refreshGrants();
			assertThat(concurrently(browser, 30, "reports", API + "/reports/summary")).containsOnly("aud=reports-api");
			assertThat(provider.tokenExchanges()).as("token exchanges for 30 concurrent calls")
				.isEqualTo(exchanges + 1);
			assertThat(provider.acceptedTokenExchanges()).as("tokens issued").isEqualTo(exchanged + 1);
			assertThat(provider.refreshGrants()).as("the subject token refreshed first, once").isEqualTo(refreshes + 1);
			assertThat(browser.get(bed.apps().url(1) + "/api/apis/reports/token").body()).isNotEqualTo(first);
		}
	}

	@Test
	void afterExpiryConcurrentCallsOnTwoInstancesRefreshOnceAndKeepTheRotatedRefreshToken() throws Exception {
		provider.addUser("ulf", Map.of("name", "Ulf Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "ulf", bed.apps().url(0));
			assertThat(call(browser, 1, "graph", API + "/graph/me")).isEqualTo("aud=graph-api");
			bed.clock().advance(TOKEN_LIFETIME.plusMillis(500));
			int refreshes = provider.refreshGrants();
			int accepted = provider.acceptedRefreshGrants();
			assertThat(concurrently(browser, 30, "graph", API + "/graph/me")).containsOnly("aud=graph-api");
			assertThat(provider.refreshGrants()).as("refresh grants for 30 concurrent calls").isEqualTo(refreshes + 1);
			assertThat(provider.acceptedRefreshGrants()).as("grants issued").isEqualTo(accepted + 1);
			// every grant rotated the refresh token; the sign-in's own refresh still
			// works,
			// so the rotated one was kept
			HttpResponse<String> refresh = browser.postWithCsrf(bed.apps().url(1) + "/auth/refresh", true);
			assertThat(refresh.statusCode()).isEqualTo(200);
			assertThat(provider.activeRefreshTokens("ulf")).hasSize(1);
		}
	}

	@Test
	void theStartersApiClientHandsARedirectBackInsteadOfFollowingItWithTheToken() {
		provider.addUser("mia", Map.of("name", "Mia Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "mia", bed.apps().url(0));
			assertThat(browser.get(bed.apps().url(1) + "/api/apis/graph/client?path=/me").body())
				.isEqualTo("200 aud=graph-api");
			int before = received.size();
			assertThat(browser.get(bed.apps().url(1) + "/api/apis/graph/client?path=/moved").body()).startsWith("302");
			assertThat(received.size() - before).as("requests that reached the APIs").isEqualTo(1);
			// an absolute URL elsewhere: refused before it leaves, answered 400
			HttpResponse<String> elsewhere = browser
				.getJson(bed.apps().url(0) + "/api/apis/graph/client?path=" + URLEncoder
					.encode("http://localhost:" + api.getAddress().getPort() + "/graph/me", StandardCharsets.UTF_8));
			assertThat(elsewhere.statusCode()).isEqualTo(400);
			assertThat(elsewhere.body()).contains("\"error\":\"api_destination_refused\"");
			assertThat(received.size() - before).isEqualTo(1);
		}
	}

	@Test
	void anApisRefusalGetsOneNewTokenAndOneRetry() {
		provider.addUser("yann", Map.of("name", "Yann Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "yann", bed.apps().url(0));
			String first = browser.get(bed.apps().url(0) + "/api/apis/graph/token").body();
			refusedTokens.add(first);
			int refreshes = provider.refreshGrants();
			assertThat(call(browser, 1, "graph", API + "/graph/me")).isEqualTo("aud=graph-api");
			assertThat(provider.refreshGrants()).isEqualTo(refreshes + 1);
			String second = browser.get(bed.apps().url(0) + "/api/apis/graph/token").body();
			assertThat(second).isNotEqualTo(first);
			assertThat(lastToken("/graph/me")).isEqualTo(second);
			// refused again: again one new token and one retry, never a loop
			refusedTokens.add(second);
			int before = received.size();
			assertThat(call(browser, 0, "graph", API + "/graph/me")).isEqualTo("aud=graph-api");
			assertThat(received.size() - before).isEqualTo(2);
		}
	}

	@Test
	void theLoginApiIsServedByTheSignInsOwnToken() {
		provider.addUser("zoe", Map.of("name", "Zoe Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "zoe", bed.apps().url(0));
			int grants = provider.refreshGrants() + provider.tokenExchanges();
			assertThat(call(browser, 1, "own", API + "/own/profile")).isEqualTo("aud=" + provider.clientId());
			assertThat(lastToken("/own/profile")).isEqualTo(browser.get(bed.apps().url(0) + "/api/token").body());
			assertThat(provider.refreshGrants() + provider.tokenExchanges()).isEqualTo(grants);
		}
	}

	@Test
	void aTokenNeverReachesAUrlOutsideItsApi() {
		provider.addUser("vera", Map.of("name", "Vera Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "vera", bed.apps().url(0));
			int port = api.getAddress().getPort();
			received.clear();
			for (String url : List.of("http://localhost:" + port + "/graph/me", API + "/admin/users", API + "/graphx",
					API + "/graph/../admin/users", API + "/graph/..;/admin/users", API + "/graph/..%2Fadmin/users",
					API + "/graph/..%5Cadmin/users", "https://127.0.0.1:" + port + "/graph/me",
					"http://127.0.0.1:" + (port + 1) + "/graph/me", "http://user@127.0.0.1:" + port + "/graph/me")) {
				assertThat(call(browser, 0, "graph", url)).as(url).startsWith("refused: ");
			}
			assertThat(received).as("requests that reached any API").isEmpty();
			assertThat(call(browser, 0, "graph", API + "/graph")).isEqualTo("aud=graph-api");
			assertThat(received).hasSize(1);
		}
	}

	@Test
	void anApiTheUserHasNotGrantedAnswersConsentRequiredWithALinkThatGrantsIt() {
		provider.addUser("wanda", Map.of("name", "Wanda Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "wanda", bed.apps().url(0));
			HttpResponse<String> refused = browser.getJson(bed.apps().url(1) + "/api/apis/admin/token");
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("\"error\":\"consent_required\"")
				.contains("\"reason\":\"invalid_scope\"")
				.contains("\"api\":\"admin\"");
			// an API path answers JSON even to a browser; a page gets the link to follow
			HttpResponse<String> onApiPath = browser.get(bed.apps().url(1) + "/api/apis/admin/token");
			assertThat(onApiPath.statusCode()).isEqualTo(403);
			assertThat(onApiPath.body()).contains("\"error\":\"consent_required\"");
			HttpResponse<String> page = browser.get(bed.apps().url(1) + "/pages/apis/admin/token");
			assertThat(page.statusCode()).isEqualTo(403);
			assertThat(page.body()).contains("id=\"grant-consent\"");
			String consentUrl = (String) parse(refused.body()).get("consentUrl");
			assertThat(consentUrl).startsWith("/auth/login/test?api=admin");
			browser.loginAs(bed.apps().url(0) + consentUrl, "wanda");
			assertThat(call(browser, 1, "admin", API + "/admin/users")).isEqualTo("aud=admin-api");
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void springsHttpServiceInterfaceGetsTheApisTokenAndTheSignInsToken() {
		provider.addUser("xaver", Map.of("name", "Xaver Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "xaver", bed.apps().url(0));
			assertThat(browser.get(bed.apps().url(1) + "/api/apis/reports/spring").body()).isEqualTo("aud=reports-api");
			assertThat(lastToken("/reports"))
				.isEqualTo(browser.get(bed.apps().url(0) + "/api/apis/reports/token").body());
			assertThat(browser.get(bed.apps().url(0) + "/api/apis/spring-user").body())
				.isEqualTo("aud=" + provider.clientId());
			assertThat(lastToken("/reports")).isEqualTo(browser.get(bed.apps().url(1) + "/api/token").body());
		}
	}

	@Test
	void afterExpiryConcurrentCallsThroughTheHttpServiceInterfaceExchangeOnce() throws Exception {
		provider.addUser("liam", Map.of("name", "Liam Example"));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "liam", bed.apps().url(0));
			assertThat(browser.get(bed.apps().url(0) + "/api/apis/reports/spring").body()).isEqualTo("aud=reports-api");
			bed.clock().advance(TOKEN_LIFETIME.plusMillis(500));
			int exchanges = provider.tokenExchanges();
			ExecutorService pool = Executors.newFixedThreadPool(12);
			try {
				List<Future<String>> answers = new ArrayList<>();
				for (int i = 0; i < 30; i++) {
					String url = bed.apps().url(i % 2) + "/api/apis/reports/spring";
					answers.add(pool.submit(() -> browser.get(url).body()));
				}
				for (Future<String> answer : answers) {
					assertThat(answer.get()).isEqualTo("aud=reports-api");
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(provider.tokenExchanges()).as("token exchanges for 30 concurrent calls through Spring's client")
				.isEqualTo(exchanges + 1);
		}
	}

	private static String call(Browser browser, int instance, String apiName, String url) {
		return browser
			.get(bed.apps().url(instance) + "/api/apis/" + apiName + "/call?url="
					+ URLEncoder.encode(url, StandardCharsets.UTF_8))
			.body();
	}

	private static List<String> concurrently(Browser browser, int calls, String apiName, String url) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(12);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				int instance = i % 2;
				answers.add(pool.submit(() -> call(browser, instance, apiName, url)));
			}
			List<String> bodies = new ArrayList<>();
			for (Future<String> answer : answers) {
				bodies.add(answer.get());
			}
			return bodies;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String lastToken(String path) {
		for (int i = received.size() - 1; i >= 0; i--) {
			if (received.get(i)[0].equals(path)) {
				return received.get(i)[1];
			}
		}
		throw new AssertionError("no request to " + path);
	}

	private static Map<String, Object> parse(String json) {
		try {
			return JSONObjectUtils.parse(json);
		}
		catch (ParseException ex) {
			throw new AssertionError(json, ex);
		}
	}

}
