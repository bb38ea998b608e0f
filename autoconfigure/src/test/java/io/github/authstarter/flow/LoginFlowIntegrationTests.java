package io.github.authstarter.flow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.event.SignedInEvent;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.MovableClock;
import io.github.authstarter.testbed.RecordedEvents;
import io.github.authstarter.testbed.RedisCommandCounts;
import io.github.authstarter.testbed.StoredSessions;
import io.github.authstarter.testbed.TestApplication;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login flow across three app instances sharing one real Redis and one real OpenID
 * Provider: every hop may land on any instance, and every bad callback ends on a clear
 * 4xx without creating a session.
 */
class LoginFlowIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private static AppInstances apps;

	private static AppInstances shortLivedApp;

	private static final String NAMESPACE = "LoginFlowIntegrationTests:spring:session";

	private static final String SESSIONS = NAMESPACE + ":sessions:";

	private static final String SHORT_LIVED_CLOCK = "LoginFlowIntegrationTests:short";

	private static AppInstances limitedApp;

	private static final String LIMITED_CLOCK = "LoginFlowIntegrationTests:limited";

	private static RedisClient redisClient;

	private static StatefulRedisConnection<String, String> redisConnection;

	@BeforeAll
	static void start() {
		provider.start();
		Map<String, Object> properties = appProperties();
		apps = AppInstances.start(3, TestApplication.class, properties);
		Map<String, Object> shortLived = new HashMap<>(properties);
		// a record Redis still holds: the age alone, on the starter's clock, refuses it
		shortLived.put("auth.flow.ttl", "1m");
		shortLived.put("test.clock", SHORT_LIVED_CLOCK);
		shortLived.put("auth.redis.key-prefix", "short:");
		shortLivedApp = AppInstances.start(1, TestApplication.class, shortLived);
		Map<String, Object> limited = new HashMap<>(properties);
		limited.put("auth.flow.max-starts-per-client-per-minute", "3");
		limited.put("auth.redis.key-prefix", "limited:");
		// the minute's counters stay the same minute for the whole class
		limited.put("test.clock", LIMITED_CLOCK);
		// a provider not yet discovered, whose discovery could only fail
		limited.put("auth.providers.undiscovered.issuer-uri", "http://127.0.0.1:1");
		limited.put("auth.providers.undiscovered.client-id", "undiscovered");
		limited.put("auth.providers.undiscovered.client-secret", "undiscovered-secret");
		limitedApp = AppInstances.start(1, TestApplication.class, limited);
		redisClient = RedisClient.create(TestRedis.get().url());
		redisConnection = redisClient.connect();
	}

	private long sessionsAtStart;

	@BeforeEach
	void countSessions() {
		this.sessionsAtStart = sessionKeys();
	}

	@AfterAll
	static void stop() {
		redisConnection.close();
		redisClient.shutdown();
		shortLivedApp.close();
		limitedApp.close();
		apps.close();
		provider.stop();
	}

	@Test
	void loginStartedOnOneInstanceCompletesOnAnotherAndIsSignedInEverywhere() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(login(0, "/hello"), "alice", apps.url(1));
			assertThat(callback.statusCode()).isEqualTo(302);
			assertThat(Browser.location(callback)).isEqualTo(apps.url(1) + "/hello");
			for (int i = 0; i < 3; i++) {
				assertThat(browser.get(apps.url(i) + "/hello").body()).isEqualTo("hello alice");
				assertThat(browser.get(apps.url(i) + "/api/name").body()).isEqualTo("Alice Example");
				assertThat(browser.getJson(apps.url(i) + "/auth/user").body()).contains("\"subject\":\"alice\"")
					.contains("\"provider\":\"test\"");
			}
			assertThat(apps.context(1).getBean(RecordedEvents.class).of(SignedInEvent.class))
				.contains(new SignedInEvent("test", "alice"));
		}
	}

	@Test
	void callbackSucceedsWhenTheInstanceThatStartedTheLoginIsGone() {
		AppInstances doomed = AppInstances.start(1, TestApplication.class, appProperties());
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(doomed.url(0) + "/auth/login/test", "bob");
			doomed.stop(0);
			HttpResponse<String> answer = browser.get(Browser.onInstance(callback, apps.url(2)));
			assertThat(answer.statusCode()).isEqualTo(302);
			assertThat(browser.get(apps.url(0) + "/hello").body()).isEqualTo("hello bob");
		}
		finally {
			doomed.close();
		}
	}

	@ParameterizedTest(name = "callbacks delivered in {0} order")
	@ValueSource(strings = { "start", "reverse" })
	void twoTabsCanBothCompleteTheirLogins(String order) {
		try (Browser browser = new Browser()) {
			String first = browser.authorize(login(0, "/hello?tab=1"), "alice");
			String second = browser.authorize(login(1, "/hello?tab=2"), "alice");
			List<String> callbacks = "start".equals(order) ? List.of(first, second) : List.of(second, first);
			HttpResponse<String> a = browser.get(Browser.onInstance(callbacks.get(0), apps.url(2)));
			HttpResponse<String> b = browser.get(Browser.onInstance(callbacks.get(1), apps.url(0)));
			assertThat(a.statusCode()).isEqualTo(302);
			assertThat(b.statusCode()).isEqualTo(302);
			assertThat(Browser.location(a)).endsWith("start".equals(order) ? "tab=1" : "tab=2");
			assertThat(Browser.location(b)).endsWith("start".equals(order) ? "tab=2" : "tab=1");
		}
	}

	@Test
	void formPostCallbackWithoutSessionCookieSucceedsOnAnotherInstance() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(login(0, "/hello"), "alice");
			assertThat(browser.cookie("SESSION")).isNull();
			browser.removeCookie("SESSION");
			HttpResponse<String> answer = browser.postForm(
					Browser.onInstance(Browser.withoutQuery(callback), apps.url(1)), Browser.queryParameters(callback));
			assertThat(answer.statusCode()).isEqualTo(302);
			assertThat(Browser.location(answer)).isEqualTo(apps.url(1) + "/hello");
			assertThat(browser.get(apps.url(2) + "/hello").body()).isEqualTo("hello alice");
		}
	}

	@Test
	void anonymousLoginStartCreatesNoSession() {
		long sessionsBefore = sessionKeys();
		try (Browser browser = new Browser()) {
			HttpResponse<String> start = browser.get(login(0, null));
			assertThat(start.statusCode()).isEqualTo(302);
			assertThat(browser.cookie("SESSION")).isNull();
			assertThat(browser.cookie("AUTH_FLOW")).isNotNull();
		}
		assertThat(sessionKeys()).isEqualTo(sessionsBefore);
	}

	@Test
	void replayedCallbackInAnotherBrowserIsRejectedWithoutASession() {
		String callback;
		try (Browser victim = new Browser()) {
			callback = victim.authorize(login(0, null), "alice");
			assertThat(victim.get(Browser.onInstance(callback, apps.url(1))).statusCode()).isEqualTo(302);
		}
		// the victim's own session counts; the replay must add none
		countSessions();
		try (Browser attacker = new Browser()) {
			HttpResponse<String> replay = attacker.getJson(Browser.onInstance(callback, apps.url(2)));
			assertRejected(attacker, replay, 400, "state_unknown");
		}
	}

	@Test
	void replayedCallbackOfASignedInUserGoesHomeInsteadOfLooping() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(login(0, "/hello"), "alice");
			assertThat(browser.get(callback).statusCode()).isEqualTo(302);
			HttpResponse<String> again = browser.get(Browser.onInstance(callback, apps.url(1)));
			assertThat(again.statusCode()).isEqualTo(302);
			assertThat(Browser.location(again)).isEqualTo(apps.url(1) + "/");
		}
	}

	@Test
	void tamperedStateIsRejected() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(login(0, null), "alice");
			String tampered = callback.replace("state=", "state=x");
			assertRejected(browser, browser.getJson(tampered), 400, "state_unknown");
		}
	}

	@Test
	void expiredStateIsRejected() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(shortLivedApp.url(0) + "/auth/login/test", "alice");
			MovableClock.named(SHORT_LIVED_CLOCK).advance(Duration.ofSeconds(62));
			assertRejected(browser, browser.getJson(callback), 400, "state_unknown");
		}
	}

	@Test
	void callbackWithoutTheBindingCookieIsRejected() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(login(0, null), "alice");
			browser.removeCookie("AUTH_FLOW");
			assertRejected(browser, browser.getJson(Browser.onInstance(callback, apps.url(1))), 400,
					"flow_binding_missing");
		}
	}

	@Test
	void attackersCallbackFedToAVictimsBrowserIsRejected() {
		try (Browser attacker = new Browser(); Browser victim = new Browser()) {
			String attackersCallback = attacker.authorize(login(0, null), "bob");
			victim.get(login(1, null));
			assertThat(victim.cookie("AUTH_FLOW")).isNotNull();
			assertRejected(victim, victim.getJson(Browser.onInstance(attackersCallback, apps.url(2))), 403,
					"flow_binding_mismatch");
		}
	}

	@Test
	void providerErrorIsShownAsAFriendlyRefusal() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(login(0, null), "alice");
			String state = Browser.queryParameters(callback).get("state");
			String denied = apps.url(1) + "/login/oauth2/code/test?error=access_denied&state=" + state;
			HttpResponse<String> page = browser.get(denied);
			assertThat(page.statusCode()).isEqualTo(401);
			assertThat(Browser.mediaType(page)).isEqualTo("text/html");
			assertThat(page.body()).contains("cancelled or refused");
			assertNoSessionCreated(browser);
		}
	}

	@Test
	void issuerMismatchIsRejected() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(login(0, null), "alice");
			assertRejected(browser, browser.getJson(callback + "&iss=https%3A%2F%2Fevil.example.com"), 400,
					"iss_mismatch");
		}
	}

	@Test
	void callbackWithoutCodeOrStateIsRejected() {
		try (Browser browser = new Browser()) {
			assertRejected(browser, browser.getJson(apps.url(0) + "/login/oauth2/code/test"), 400, "invalid_callback");
			assertRejected(browser, browser.getJson(apps.url(0) + "/login/oauth2/code/test?code=abc"), 400,
					"invalid_callback");
			assertRejected(browser,
					browser.getJson(apps.url(0) + "/login/oauth2/code/test?code=abc&state=" + "s".repeat(5000)), 400,
					"state_unknown");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil.example.com", "/\\evil.example.com", "https://evil.example.com",
			"/%2F%2Fevil.example.com", "%2F%2Fevil.example.com", "/%5Cevil.example.com", "javascript:alert(1)",
			"/%252F%252Fevil.example.com", "\\\\evil.example.com" })
	void openRedirectAttemptsEndOnTheDefaultPage(String target) {
		try (Browser browser = new Browser()) {
			String loginUrl = apps.url(0) + "/auth/login/test?redirect="
					+ URLEncoder.encode(target, StandardCharsets.UTF_8);
			HttpResponse<String> callback = browser.login(loginUrl, "alice", apps.url(1));
			assertThat(Browser.location(callback)).isEqualTo(apps.url(1) + "/");
		}
	}

	@Test
	void floodOfLoginStartsIsCappedAfterTheAllowedOnes() {
		try (Browser browser = new Browser()) {
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				answers.add(browser.getJson(limitedApp.url(0) + "/auth/login/test"));
			}
			assertThat(answers.subList(0, 3)).as("the 3 allowed starts go to the provider")
				.allSatisfy((answer) -> assertThat(Browser.location(answer)).startsWith(provider.issuer()));
			assertThat(answers.subList(3, 5)).allSatisfy((answer) -> {
				assertThat(answer.statusCode()).isEqualTo(429);
				assertThat(answer.body()).contains("\"error\":\"rate_limited\"");
			});
		}
	}

	@Test
	void aCappedClientCostsNoDiscoveryOfAProviderNotYetUsed() {
		try (Browser browser = new Browser()) {
			for (int i = 0; i < 4; i++) {
				browser.getJson(limitedApp.url(0) + "/auth/login/test");
			}
			HttpResponse<String> answer = browser.getJson(limitedApp.url(0) + "/auth/login/undiscovered");
			// counted after the provider's metadata was fetched, it answered 503
			// provider_unavailable: each capped start still cost a call to the issuer
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
			assertThat(answer.body()).contains("\"error\":\"rate_limited\"");
		}
	}

	@Test
	void aStartForAnIdNobodyHoldsIsNotCounted() {
		Map<String, Map<String, String>> before = loginStartCounters("limited:");
		try (Browser browser = new Browser()) {
			assertThat(browser.getJson(limitedApp.url(0) + "/auth/login/made-up").statusCode()).isEqualTo(404);
		}
		assertThat(loginStartCounters("limited:")).isEqualTo(before);
	}

	@Test
	void aSignInCostsAtMostTwelveRedisCommandsAndARefusedStartLeavesNoCount() {
		RedisCommandCounts counts = new RedisCommandCounts(redisConnection.sync(), "ping");
		// the short-lived app's clock stands still: the minute's counters exist after the
		// first sign-in, as they do for all but the first of each minute
		try (Browser first = new Browser(); Browser second = new Browser(); Browser third = new Browser()) {
			first.login(shortLivedApp.url(0) + "/auth/login/test", "alice", shortLivedApp.url(0));
			Map<String, Long> before = counts.now();
			second.login(shortLivedApp.url(0) + "/auth/login/test", "bob", shortLivedApp.url(0));
			Map<String, Long> spent = counts.since(before);
			// the cap (a script and two increments), the flow record written and taken,
			// the session, and the back-channel indexes by sid and by sub; 16 before
			assertThat(spent.values().stream().mapToLong(Long::longValue).sum()).as("commands: %s", spent)
				.isLessThanOrEqualTo(12L);
		}
		Map<String, Map<String, String>> before = loginStartCounters("limited:");
		int accepted = 0;
		try (Browser browser = new Browser()) {
			for (int i = 0; i < 5; i++) {
				accepted += (browser.getJson(limitedApp.url(0) + "/auth/login/test").statusCode() == 302) ? 1 : 0;
			}
		}
		assertThat(accepted).as("the client's cap of 3 a minute").isLessThanOrEqualTo(3);
		long total = 0;
		long clients = 0;
		for (Map.Entry<String, Map<String, String>> window : loginStartCounters("limited:").entrySet()) {
			Map<String, String> earlier = before.getOrDefault(window.getKey(), Map.of());
			for (Map.Entry<String, String> counter : window.getValue().entrySet()) {
				long added = Long.parseLong(counter.getValue())
						- Long.parseLong(earlier.getOrDefault(counter.getKey(), "0"));
				if (counter.getKey().equals("total")) {
					total += added;
				}
				else {
					clients += added;
				}
			}
		}
		// raised and lowered again: a refused start leaves no count behind
		assertThat(total).isEqualTo(accepted);
		assertThat(clients).isEqualTo(accepted);
	}

	/** The login-start counters of every minute Redis still holds, by key. */
	private static Map<String, Map<String, String>> loginStartCounters(String keyPrefix) {
		Map<String, Map<String, String>> windows = new HashMap<>();
		for (String key : redisConnection.sync().keys(keyPrefix + "flow:login-starts:*")) {
			windows.put(key, redisConnection.sync().hgetall(key));
		}
		return windows;
	}

	@Test
	void oneClientRefusedByItsOwnCapCannotUseUpTheLoginStartsOfEveryone() throws Exception {
		Map<String, Object> properties = appProperties();
		properties.put("auth.flow.max-starts-per-minute", "20");
		properties.put("auth.flow.max-starts-per-client-per-minute", "2");
		properties.put("auth.redis.key-prefix", "capped:");
		try (AppInstances capped = AppInstances.start(1, TestApplication.class, properties)) {
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 25; i++) {
				statuses.add(startLoginFrom("127.0.0.1", capped.port(0)));
			}
			assertThat(statuses.subList(0, 2)).as("the client's own allowance").containsOnly(302);
			assertThat(statuses.subList(2, 25)).as("over the client's cap").containsOnly(429);
			assertThat(startLoginFrom("127.0.0.2", capped.port(0))).as("another client").isEqualTo(302);
		}
	}

	@Test
	void callbackDeliveredToAnotherProvidersPathIsRefused() {
		try (AppInstances app = AppInstances.start(1, TestApplication.class, twoProviders());
				Browser browser = new Browser()) {
			String callback = browser.authorize(app.url(0) + "/auth/login/test", "alice");
			HttpResponse<String> answer = browser.getJson(Browser.onInstance(callback, app.url(0))
				.replace("/login/oauth2/code/test?", "/login/oauth2/code/other?"));
			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(answer.body()).contains("\"error\":\"provider_mismatch\"");
			assertNoSessionCreated(browser);
		}
	}

	@Test
	void issuerOfAProviderConfiguredByEndpointsIsCheckedInTheAuthorizationResponse() {
		try (AppInstances app = AppInstances.start(1, TestApplication.class, twoProviders())) {
			try (Browser browser = new Browser()) {
				String callback = browser.authorize(app.url(0) + "/auth/login/other", "alice");
				HttpResponse<String> answer = browser
					.getJson(Browser.onInstance(callback, app.url(0)) + "&iss=https%3A%2F%2Fevil.example");
				assertThat(answer.statusCode()).isEqualTo(400);
				assertThat(answer.body()).contains("\"error\":\"iss_mismatch\"");
				assertNoSessionCreated(browser);
			}
			try (Browser browser = new Browser()) {
				String callback = browser.authorize(app.url(0) + "/auth/login/other", "alice");
				HttpResponse<String> answer = browser.get(Browser.onInstance(callback, app.url(0)) + "&iss="
						+ URLEncoder.encode(provider.issuer(), StandardCharsets.UTF_8));
				assertThat(answer.statusCode()).as("the right iss").isEqualTo(302);
				assertThat(browser.getJson(app.url(0) + "/auth/user").body()).contains("\"provider\":\"other\"");
			}
		}
	}

	@Test
	void bindingCookieOverHttpsIsHostPrefixedSoNoSiblingSiteCanPlantIt() throws Exception {
		Map<String, Object> properties = appProperties();
		properties.put("server.forward-headers-strategy", "native");
		// its https redirect URI is not registered at the test provider, which checks it
		// at the push (RFC 9126) where it would not look before the browser came
		properties.put("auth.providers.test.par", "off");
		try (AppInstances behindProxy = AppInstances.start(1, TestApplication.class, properties)) {
			HttpResponse<String> start = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(behindProxy.url(0) + "/auth/login/test"))
					.header("X-Forwarded-Proto", "https")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(start.statusCode()).isEqualTo(302);
			String cookie = start.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((value) -> value.contains("AUTH_FLOW="))
				.findFirst()
				.orElseThrow();
			assertThat(cookie).startsWith("__Host-AUTH_FLOW=")
				.contains("; Path=/;")
				.contains("; Secure")
				.contains("; HttpOnly")
				.doesNotContainIgnoringCase("domain=");
		}
	}

	@Test
	void callbackWithTwoBindingCookiesIsRefusedRatherThanPickingOne() throws Exception {
		try (Browser browser = new Browser()) {
			String callback = Browser.onInstance(browser.authorize(apps.url(0) + "/auth/login/test", "alice"),
					apps.url(1));
			String planted = "A".repeat(43);
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(callback))
					.header("Cookie", "AUTH_FLOW=" + browser.cookie("AUTH_FLOW") + "; AUTH_FLOW=" + planted)
					.header("Accept", "application/json")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(answer.body()).contains("\"error\":\"flow_binding_ambiguous\"");
			assertThat(answer.headers().allValues("Set-Cookie")).noneMatch((value) -> value.startsWith("SESSION="));
		}
	}

	@Test
	void signingInWithAPlantedSessionCookieGivesANewSessionAndEndsThePlantedOne() {
		try (Browser attacker = new Browser(); Browser victim = new Browser()) {
			attacker.login(apps.url(0) + "/auth/login/test", "bob", apps.url(0));
			String planted = attacker.cookie("SESSION");
			String plantedKey = SESSIONS + new String(Base64.getDecoder().decode(planted), StandardCharsets.UTF_8);
			assertThat(redisConnection.sync().exists(plantedKey)).isEqualTo(1);
			victim.plantCookie("127.0.0.1", "SESSION", planted);
			victim.login(apps.url(1) + "/auth/login/test", "alice", apps.url(2));
			assertThat(victim.cookie("SESSION")).isNotNull().isNotEqualTo(planted);
			assertThat(redisConnection.sync().exists(plantedKey)).as("the fixed session id is gone").isZero();
			assertThat(victim.getJson(apps.url(0) + "/auth/user").body()).contains("\"subject\":\"alice\"");
			assertThat(attacker.getJson(apps.url(0) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	/** The test OP twice: as {@code test} by discovery, as {@code other} by endpoints. */
	private static Map<String, Object> twoProviders() {
		Map<String, Object> properties = appProperties();
		properties.put("auth.redis.key-prefix", "two:");
		String issuer = provider.issuer();
		properties.put("auth.providers.other.client-id", provider.clientId());
		properties.put("auth.providers.other.client-secret", provider.clientSecret());
		properties.put("auth.providers.other.authorization-uri", issuer + "/oauth2/authorize");
		properties.put("auth.providers.other.token-uri", issuer + "/oauth2/token");
		properties.put("auth.providers.other.jwk-set-uri", issuer + "/oauth2/jwks");
		properties.put("auth.providers.other.user-info-uri", issuer + "/userinfo");
		properties.put("auth.providers.other.issuer", issuer);
		properties.put("auth.providers.other.scopes", "openid,profile,email");
		return properties;
	}

	/**
	 * A login start sent from the given loopback address, which the JDK's HTTP clients
	 * cannot choose.
	 */
	private static int startLoginFrom(String localAddress, int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET /auth/login/test HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String statusLine = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return Integer.parseInt(statusLine.split(" ")[1]);
		}
	}

	@Test
	void sessionInRedisIsPlainJsonWithoutJavaClassNames() throws ParseException {
		try (Browser browser = new Browser()) {
			browser.login(login(0, null), "alice", apps.url(1));
			String sessionId = new String(Base64.getDecoder().decode(browser.cookie("SESSION")),
					StandardCharsets.UTF_8);
			RedisCommands<String, String> redis = redisConnection.sync();
			Map<String, String> session = redis.hgetall(SESSIONS + sessionId);
			assertThat(session).containsKeys("creationTime", "lastAccessedTime", "maxInactiveInterval",
					"sessionAttr:AUTH_USER");
			assertThat(session.values()).allSatisfy((value) -> assertThat(value).doesNotContain("java.")
				.doesNotContain("org.springframework")
				.doesNotContain("io.github")
				.doesNotContain("\u00ac\u00ed"));
			Map<String, Object> user = JSONObjectUtils
				.parse((String) JSONObjectUtils.parse("{\"v\":" + session.get("sessionAttr:AUTH_USER") + "}").get("v"));
			assertThat(user).containsEntry("v", 2L).containsEntry("provider", "test").containsKey("accessToken");
			// the compact record: the id token's claims are its payload, not stored twice
			assertThat(String.valueOf(((Map<?, ?>) user.get("idToken")).keySet())).isEqualTo("[value]");
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "a session deleted while one of its requests ran", "an unreadable value" })
	void damagedSessionInRedisReadsAsSignedOutNotAs500(String damage) {
		try (Browser browser = new Browser(); StoredSessions stored = new StoredSessions(NAMESPACE)) {
			browser.login(login(0, null), "alice", apps.url(1));
			String key = SESSIONS + stored.id(browser);
			if (damage.startsWith("a session deleted")) {
				// what the end of an in-flight request writes back after a logout
				// elsewhere
				stored.redis().hdel(key, "creationTime", "maxInactiveInterval", "sessionAttr:AUTH_USER");
			}
			else {
				stored.redis().hset(key, "creationTime", "\u00ac\u00ed\u0000\u0005garbage");
			}
			HttpResponse<String> user = browser.getJson(apps.url(0) + "/auth/user");
			assertThat(user.statusCode()).isEqualTo(401);
			assertThat(stored.redis().exists(key)).as("the damaged session is discarded").isZero();
			assertThat(browser.get(apps.url(1) + "/hello").statusCode()).isEqualTo(302);
		}
	}

	@Test
	void fiftyLoginsWithEveryHopOnARandomInstanceAllSucceed() {
		// fifty cover every pairing of start, callback and page over three instances
		// many times over; a failure says which login failed where, and why
		Random random = new Random(42);
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			String user = (i % 2 == 0) ? "alice" : "bob";
			int start = random.nextInt(3);
			int back = random.nextInt(3);
			int read = random.nextInt(3);
			try (Browser browser = new Browser()) {
				String callback = browser.authorize(login(start, "/hello"), user);
				HttpResponse<String> answer = browser.get(Browser.onInstance(callback, apps.url(back)));
				HttpResponse<String> page = browser.get(apps.url(read) + "/hello");
				if (answer.statusCode() != 302 || !page.body().equals("hello " + user)) {
					failures.add("login " + i + " of " + user + " (start " + start + ", callback " + back + ", page "
							+ read + "): callback " + answer.statusCode() + " " + answer.body() + ", page "
							+ page.statusCode() + " " + page.body());
				}
			}
		}
		assertThat(failures).as("failed logins").isEmpty();
	}

	private void assertRejected(Browser browser, HttpResponse<String> response, int status, String reason) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).contains("\"error\":\"" + reason + "\"");
		assertNoSessionCreated(browser);
	}

	/** Neither a cookie in the browser nor a session in Redis. */
	private void assertNoSessionCreated(Browser browser) {
		assertThat(browser.cookie("SESSION")).as("no session cookie").isNull();
		assertThat(sessionKeys()).as("no session in Redis").isEqualTo(this.sessionsAtStart);
	}

	private static String login(int instance, String redirect) {
		String url = apps.url(instance) + "/auth/login/test";
		return (redirect != null) ? url + "?redirect=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) : url;
	}

	private static long sessionKeys() {
		return redisConnection.sync().keys(SESSIONS + "*").size();
	}

	private static Map<String, Object> appProperties() {
		return AuthTestBed.inKeySpace(LoginFlowIntegrationTests.class, provider.appProperties());
	}

}
