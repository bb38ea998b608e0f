package io.github.authstarter.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.github.authstarter.event.TokenRefreshFailedEvent;
import io.github.authstarter.event.TokenRefreshFailure;
import io.github.authstarter.event.TokenRefreshOutcome;
import io.github.authstarter.event.TokensRefreshedEvent;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.ConcurrentRequests;
import io.github.authstarter.testbed.RecordedEvents;
import io.github.authstarter.testbed.RedisCommandCounts;
import io.github.authstarter.testbed.TestApplication;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side refresh against a real OpenID Provider with refresh-token rotation and
 * short-lived access tokens, on two instances sharing one real Redis.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenRefreshIntegrationTests {

	private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(30);

	private static final Duration JWKS_REFETCH_INTERVAL = Duration.ofSeconds(1);

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
		.reuseRefreshTokens(false);

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).properties(TokenRefreshIntegrationTests::appProperties);

	/**
	 * Every application context started or closed in this JVM resets the log levels, so
	 * the debug line some tests wait for is switched on before each test.
	 */
	@BeforeEach
	void logWaitingRequests() {
		LoggingSystem.get(getClass().getClassLoader())
			.setLogLevel(SingleFlightTokenRefresher.class.getName(), LogLevel.DEBUG);
	}

	@Test
	void aRefreshingRequestReadsTheSessionOnceAndCostsSixRedisCommands() throws Exception {
		RedisClient client = RedisClient.create(TestRedis.get().url());
		try (Browser browser = new Browser(); StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommandCounts counts = new RedisCommandCounts(connection.sync(), "ping");
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			browser.get(bed.apps().url(0) + "/api/token");
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			int grants = provider.refreshGrants();
			Map<String, Long> before = counts.now();
			assertThat(browser.get(bed.apps().url(1) + "/api/token").statusCode()).isEqualTo(200);
			Map<String, Long> spent = counts.since(before);
			assertThat(provider.refreshGrants() - grants).isEqualTo(1);
			// the request's own read is what Redis holds when nothing released the lock
			// since: no second read under it (there were two, and 10 commands, before)
			assertThat(spent.get("hgetall")).as("session reads of a refreshing request: %s", spent).isEqualTo(1L);
			// the read, the lock, and one script that writes the record and releases it
			assertThat(spent.values().stream().mapToLong(Long::longValue).sum()).as("commands: %s", spent)
				.isLessThanOrEqualTo(6L);
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void expiredTokenIsRefreshedTransparentlyAndClaimsFollowTheProvider() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(1));
			String first = browser.get(bed.apps().url(0) + "/api/token").body();
			provider.setClaim("bob", "name", "Bob Renamed");
			int grants = provider.refreshGrants();
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			HttpResponse<String> second = browser.get(bed.apps().url(1) + "/api/token");
			assertThat(second.statusCode()).isEqualTo(200);
			assertThat(second.body()).isNotEqualTo(first);
			assertThat(provider.refreshGrants() - grants).isEqualTo(1);
			String user = browser.getJson(bed.apps().url(0) + "/auth/user").body();
			assertThat(user).contains("\"name\":\"Bob Renamed\"").contains("\"subject\":\"bob\"");
		}
		finally {
			provider.setClaim("bob", "name", "Bob Example");
		}
	}

	@Test
	void burstAfterExpiryOnTwoInstancesSendsExactlyOneRefreshGrant() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			String session = browser.cookie("SESSION");
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			int grants = provider.refreshGrants();
			int accepted = provider.acceptedRefreshGrants();
			long refreshedEvents = refreshedEvents();
			List<String> tokens = new ArrayList<>();
			for (HttpResponse<String> response : ConcurrentRequests.get(50, session, bed.apps().url(0) + "/api/token",
					bed.apps().url(1) + "/api/token")) {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				tokens.add(response.body());
			}
			assertThat(provider.refreshGrants() - grants).isEqualTo(1);
			assertThat(provider.acceptedRefreshGrants() - accepted).as("grants issued").isEqualTo(1);
			assertThat(tokens).as("every request uses the one refreshed token").containsOnly(tokens.get(0));
			assertThat(refreshedEvents() - refreshedEvents).as("grants run across both instances").isEqualTo(1);
			// the token family is intact: a forced refresh still succeeds
			assertThat(postRefresh(browser, bed.apps().url(1)).statusCode()).isEqualTo(200);
			assertThat(provider.refreshGrants() - grants).isEqualTo(2);
		}
	}

	@Test
	void apiCalledWithTheUsersTokenGetsAFreshOneAfterExpiry() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			assertThat(browser.get(bed.apps().url(1) + "/api/userinfo").body()).contains("\"sub\":\"alice\"");
			int grants = provider.refreshGrants();
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			HttpResponse<String> afterExpiry = browser.get(bed.apps().url(0) + "/api/userinfo");
			assertThat(afterExpiry.statusCode()).isEqualTo(200);
			assertThat(afterExpiry.body()).contains("\"email\":\"alice@example.com\"");
			assertThat(provider.refreshGrants() - grants).isEqualTo(1);
		}
	}

	@Test
	void refreshRacingARotationDoneElsewhereUsesTheNewerTokens(CapturedOutput output) throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			SessionUser before = bed.sessions().user(browser);
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			int grants = provider.refreshGrants();
			String lock = bed.keyPrefix() + "refresh-lock:" + bed.sessions().id(browser);
			// the request says it waits for the lock holder, and has not answered
			CompletableFuture<HttpResponse<String>> waiting = waitingBehindForeignLock(browser,
					bed.apps().url(1) + "/api/token", output);
			assertThat(waiting).as("waits while another instance holds the lock").isNotDone();
			Map<String, Object> rotated = grantElsewhere(before.refreshToken().getTokenValue());
			Instant now = bed.clock().instant();
			bed.sessions()
				.write(browser, before.refreshed(
						new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, (String) rotated.get("access_token"),
								now, now.plusSeconds(((Number) rotated.get("expires_in")).longValue())),
						new OAuth2RefreshToken((String) rotated.get("refresh_token"), now), before.idToken(),
						before.userInfo(), before.attributes()));
			bed.sessions().redis().del(lock);
			HttpResponse<String> answer = waiting.get();
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo(rotated.get("access_token"));
			assertThat(provider.refreshGrants() - grants).as("only the other instance's grant").isEqualTo(1);
			assertThat(browser.get(bed.apps().url(0) + "/api/token").body()).isEqualTo(rotated.get("access_token"));
		}
	}

	@Test
	void refreshEndpointNeedsCsrfAndReturnsNewTokens() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			String before = browser.get(bed.apps().url(0) + "/api/token").body();
			assertThat(
					browser.send("POST", bed.apps().url(0) + "/auth/refresh", Map.of("Accept", "application/json"), "")
						.statusCode())
				.isEqualTo(403);
			assertThat(browser.get(bed.apps().url(0) + "/api/token").body()).isEqualTo(before);
			HttpResponse<String> refreshed = postRefresh(browser, bed.apps().url(1));
			assertThat(refreshed.statusCode()).isEqualTo(200);
			assertThat(refreshed.body()).contains("\"authenticated\":true").contains("\"accessTokenExpiresAt\"");
			assertThat(browser.get(bed.apps().url(0) + "/api/token").body()).isNotEqualTo(before);
		}
	}

	@Test
	void refreshTokenRefusedByTheProviderEndsTheSessionCleanly() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			// a provider whose store was wiped has forgotten every token it issued
			provider.forgetIssuedTokens();
			provider.stop();
			provider.start();
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			HttpResponse<String> api = browser.getJson(bed.apps().url(1) + "/api/token");
			assertThat(api.statusCode()).isEqualTo(401);
			assertThat(api.body()).contains("\"error\":\"reauthentication_required\"");
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			HttpResponse<String> page = browser.get(bed.apps().url(0) + "/hello");
			assertThat(page.statusCode()).isEqualTo(302);
		}
	}

	@Test
	void refreshTokenNeverLeavesTheServerWithoutOptIn(CapturedOutput output) throws Exception {
		int logMark = output.getAll().length();
		Set<String> issuedBefore = new HashSet<>(provider.issuedRefreshTokens());
		try (Browser browser = new Browser()) {
			List<String> seen = new ArrayList<>();
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/test", "alice",
					bed.apps().url(0));
			seen.add(callback.headers().toString() + callback.body());
			List<HttpResponse<String>> responses = new ArrayList<>(List.of(
					browser.getJson(bed.apps().url(0) + "/auth/user"), browser.get(bed.apps().url(1) + "/api/token"),
					postRefresh(browser, bed.apps().url(0)), browser.getJson(bed.apps().url(1) + "/auth/user")));
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			responses.add(browser.get(bed.apps().url(1) + "/api/token"));
			responses.add(browser.getJson(bed.apps().url(0) + "/auth/user"));
			responses.add(browser.postWithCsrf(bed.apps().url(0) + "/auth/logout", true));
			for (HttpResponse<String> response : responses) {
				seen.add(response.headers().toString() + response.body());
			}
			// every refresh token of this run: the one issued at login and each rotation
			List<String> issued = provider.issuedRefreshTokens()
				.stream()
				.filter((token) -> !issuedBefore.contains(token))
				.toList();
			assertThat(issued).as("login, forced refresh, refresh after expiry").hasSizeGreaterThanOrEqualTo(3);
			String log = output.getAll().substring(logMark);
			for (String refreshToken : issued) {
				assertThat(seen).noneMatch((text) -> text.contains(refreshToken));
				assertThat(log).doesNotContain(refreshToken);
			}
		}
	}

	@Test
	void onRequestRefreshKeepsClaimsCurrentForPagesThatNeverTouchTokens() throws Exception {
		Map<String, Object> properties = bed.properties();
		properties.put("auth.refresh.on-request", "true");
		try (AppInstances eager = AppInstances.start(1, TestApplication.class, properties);
				Browser browser = new Browser()) {
			browser.login(eager.url(0) + "/auth/login/test", "bob", eager.url(0));
			provider.setClaim("bob", "email", "bob@new.example.com");
			int grants = provider.refreshGrants();
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			assertThat(browser.get(eager.url(0) + "/hello").body()).isEqualTo("hello bob");
			assertThat(provider.refreshGrants() - grants).isEqualTo(1);
			assertThat(browser.getJson(eager.url(0) + "/auth/user").body())
				.contains("\"email\":\"bob@new.example.com\"");
		}
		finally {
			provider.setClaim("bob", "email", "bob@example.com");
		}
	}

	@Test
	void refreshTokenIsShownWhenExposed() throws Exception {
		Map<String, Object> properties = bed.properties();
		properties.put("auth.providers.test.expose-tokens", "id,access,refresh");
		try (AppInstances exposing = AppInstances.start(1, TestApplication.class, properties);
				Browser browser = new Browser()) {
			browser.login(exposing.url(0) + "/auth/login/test", "alice", exposing.url(0));
			String json = browser.getJson(exposing.url(0) + "/auth/user").body();
			String refreshToken = bed.sessions().user(browser).refreshToken().getTokenValue();
			assertThat(json).contains("\"refreshToken\":\"" + refreshToken + "\"")
				.contains("\"idToken\":")
				.contains("\"accessToken\":");
		}
	}

	@Test
	void refreshAnswerWithAnInvalidIdTokenSignsOutAndNeverPresentsTheSpentRefreshToken(CapturedOutput output)
			throws Exception {
		Map<String, Function<Map<String, Object>, String>> forgeries = new LinkedHashMap<>();
		forgeries.put("wrong iss", (claims) -> provider.signIdToken(with(claims, "iss", "https://evil.example")));
		forgeries.put("wrong aud", (claims) -> provider.signIdToken(with(claims, "aud", List.of("another-client"))));
		forgeries.put("bad signature", provider::signWithForeignKeyUnderKnownKeyId);
		forgeries.put("alg none", (claims) -> new PlainJWT(jwtClaims(claims)).serialize());
		forgeries.put("another user", (claims) -> provider.signIdToken(with(claims, "sub", "mallory")));
		for (Map.Entry<String, Function<Map<String, Object>, String>> forgery : forgeries.entrySet()) {
			try (Browser browser = new Browser()) {
				browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
				provider.forgeRefreshIdTokens(forgery.getValue());
				int grants = provider.refreshGrants();
				long failures = failedRefreshes(TokenRefreshFailure.INVALID_ID_TOKEN);
				int logMark = output.getAll().length();
				HttpResponse<String> answer = postRefresh(browser, bed.apps().url(1));
				assertThat(answer.statusCode()).as(forgery.getKey()).isEqualTo(401);
				assertThat(answer.body()).as(forgery.getKey()).contains("\"error\":\"reauthentication_required\"");
				assertThat(output.getAll().substring(logMark)).as(forgery.getKey())
					.contains("Refresh answer of provider 'test' refused: invalid_id_token");
				assertThat(failedRefreshes(TokenRefreshFailure.INVALID_ID_TOKEN) - failures).as(forgery.getKey())
					.isEqualTo(1);
				assertThat(bed.sessions().hash(browser).getOrDefault("sessionAttr:AUTH_USER", "")).as(forgery.getKey())
					.as("the record and its spent refresh token are gone")
					.isEmpty();
				// nothing is left that could present the spent refresh token again
				assertThat(browser.getJson(bed.apps().url(0) + "/api/token").statusCode()).isEqualTo(401);
				assertThat(postRefresh(browser, bed.apps().url(0)).statusCode()).isEqualTo(401);
				assertThat(provider.refreshGrants() - grants).as(forgery.getKey()).isEqualTo(1);
			}
			finally {
				provider.forgeRefreshIdTokens(null);
			}
		}
	}

	@Test
	void refreshWhoseIdTokenCannotBeCheckedAnswers503AndKeepsTheRotatedRefreshToken(CapturedOutput output)
			throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			// the new id token names a key the application has not fetched yet
			provider.rotateSigningKey();
			provider.failJwks(true);
			bed.clock().advance(JWKS_REFETCH_INTERVAL.plusMillis(200));
			int grants = provider.refreshGrants();
			long failures = failedRefreshes(TokenRefreshFailure.JWKS_UNAVAILABLE);
			HttpResponse<String> answer = postRefresh(browser, bed.apps().url(0));
			assertThat(answer.statusCode()).isEqualTo(503);
			assertThat(answer.body()).contains("\"error\":\"token_refresh_unavailable\"");
			assertThat(output.getAll()).contains("Refresh of provider 'test' not completed: jwks_unavailable");
			assertThat(failedRefreshes(TokenRefreshFailure.JWKS_UNAVAILABLE) - failures).isEqualTo(1);
			provider.failJwks(false);
			bed.clock().advance(JWKS_REFETCH_INTERVAL.plusMillis(200));
			// the provider rotated the refresh token at the first grant: only the kept
			// new one can succeed
			HttpResponse<String> again = postRefresh(browser, bed.apps().url(0));
			assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
			assertThat(provider.refreshGrants() - grants).isEqualTo(2);
		}
		finally {
			provider.failJwks(false);
		}
	}

	@Test
	void requestThatAdoptedRefreshedTokensNeverWritesThemBackOverNewerOnes(CapturedOutput output) throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			SessionUser before = bed.sessions().user(browser);
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			String lock = bed.keyPrefix() + "refresh-lock:" + bed.sessions().id(browser);
			CompletableFuture<HttpResponse<String>> slow = waitingBehindForeignLock(browser,
					bed.apps().url(1) + "/api/token-then-work?millis=2000", output);
			long adoptions = adoptions(1);
			// the lock holder stores its refresh, and the slow request adopts it
			SessionUser adopted = rotatedElsewhere(before);
			bed.sessions().write(browser, adopted);
			bed.sessions().redis().del(lock);
			awaitAdoption(1, adoptions);
			// meanwhile another instance refreshes again
			assertThat(postRefresh(browser, bed.apps().url(0)).statusCode()).isEqualTo(200);
			String newest = bed.sessions().user(browser).accessToken().getTokenValue();
			assertThat(newest).isNotEqualTo(adopted.accessToken().getTokenValue());
			HttpResponse<String> answer = slow.get();
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo(adopted.accessToken().getTokenValue());
			assertThat(bed.sessions().user(browser).accessToken().getTokenValue()).as("the newest record survives")
				.isEqualTo(newest);
		}
	}

	@Test
	void logoutDuringARefreshOnAnotherInstanceRevokesTheNewestRefreshToken() throws Exception {
		provider.addUser("carol",
				Map.of("name", "Carol Example", "email", "carol@example.com", "email_verified", true));
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "carol", bed.apps().url(0));
			// the grant happens at once; its answer takes a while to arrive
			provider.delayTokenResponses(Duration.ofMillis(1500));
			CompletableFuture<HttpResponse<String>> refresh = HttpClient.newHttpClient()
				.sendAsync(HttpRequest.newBuilder(URI.create(bed.apps().url(1) + "/auth/refresh"))
					.header("Cookie",
							"SESSION=" + browser.cookie("SESSION") + "; XSRF-TOKEN=" + browser.cookie("XSRF-TOKEN"))
					.header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"))
					.header("Accept", "application/json")
					.POST(HttpRequest.BodyPublishers.noBody())
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			String sessionKey = bed.sessions().key(browser);
			awaitKey(bed.keyPrefix() + "refresh-lock:" + bed.sessions().id(browser));
			HttpResponse<String> logout = browser.postWithCsrf(bed.apps().url(0) + "/auth/logout", true);
			assertThat(logout.statusCode()).isEqualTo(200);
			assertThat(refresh.get().statusCode()).as(refresh.get().body()).isIn(200, 401);
			assertThat(provider.activeRefreshTokens("carol")).as("every refresh token of the session revoked")
				.isEmpty();
			assertThat(bed.sessions().redis().exists(sessionKey)).as("no partial session hash left").isZero();
		}
		finally {
			provider.delayTokenResponses(Duration.ZERO);
		}
	}

	@Test
	void aSessionThatEndsDuringItsRefreshGetsNoneOfTheNewTokens() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
			// the grant happens at once; its answer takes a while to arrive
			provider.delayTokenResponses(Duration.ofMillis(1500));
			CompletableFuture<HttpResponse<String>> refreshing = getAsync(browser, bed.apps().url(1) + "/api/token");
			String sessionKey = bed.sessions().key(browser);
			awaitKey(bed.keyPrefix() + "refresh-lock:" + bed.sessions().id(browser));
			// ended meanwhile without the lock (an operator, an expiry)
			bed.sessions().redis().del(sessionKey);
			HttpResponse<String> answer = refreshing.get();
			assertThat(answer.statusCode()).as("no fresh tokens for an ended session: " + answer.body()).isEqualTo(401);
			assertThat(answer.body()).contains("reauthentication_required");
			assertThat(bed.sessions().redis().exists(sessionKey)).as("nothing brought back").isZero();
		}
		finally {
			provider.delayTokenResponses(Duration.ZERO);
		}
	}

	/**
	 * Takes the browser's refresh lock as another instance would, sends a request that
	 * needs a refresh, and returns once that request says it waits for the lock.
	 */
	private static CompletableFuture<HttpResponse<String>> waitingBehindForeignLock(Browser browser, String url,
			CapturedOutput output) throws InterruptedException {
		bed.sessions()
			.redis()
			.set(bed.keyPrefix() + "refresh-lock:" + bed.sessions().id(browser), "another-instance",
					SetArgs.Builder.px(10_000));
		int logMark = output.getAll().length();
		CompletableFuture<HttpResponse<String>> waiting = getAsync(browser, url);
		awaitLog(output, logMark, "Waiting for a refresh of provider 'test' held by another request");
		return waiting;
	}

	/** A GET with the browser's session that the test does not wait for. */
	private static CompletableFuture<HttpResponse<String>> getAsync(Browser browser, String url) {
		return HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create(url))
				.header("Cookie", "SESSION=" + browser.cookie("SESSION"))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static SessionUser rotatedElsewhere(SessionUser before) throws Exception {
		Map<String, Object> rotated = grantElsewhere(before.refreshToken().getTokenValue());
		Instant now = bed.clock().instant();
		return before.refreshed(
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, (String) rotated.get("access_token"), now,
						now.plusSeconds(((Number) rotated.get("expires_in")).longValue())),
				new OAuth2RefreshToken((String) rotated.get("refresh_token"), now), before.idToken(), before.userInfo(),
				before.attributes());
	}

	private static void awaitLog(CapturedOutput output, int from, String line) throws InterruptedException {
		for (int i = 0; i < 500 && !output.getAll().substring(from).contains(line); i++) {
			Thread.sleep(10);
		}
		assertThat(output.getAll().substring(from)).contains(line);
	}

	private static void awaitKey(String key) throws InterruptedException {
		for (int i = 0; i < 500 && bed.sessions().redis().exists(key) == 0; i++) {
			Thread.sleep(10);
		}
		assertThat(bed.sessions().redis().exists(key)).as("the refresh holds the lock").isEqualTo(1);
	}

	/** Waits until the waiting request has taken the released tokens, by its event. */
	private static void awaitAdoption(int instance, long before) throws InterruptedException {
		for (int i = 0; i < 500 && adoptions(instance) == before; i++) {
			Thread.sleep(10);
		}
		assertThat(adoptions(instance)).as("the waiting request adopted the tokens").isGreaterThan(before);
	}

	private static long adoptions(int instance) {
		return bed.apps()
			.context(instance)
			.getBean(RecordedEvents.class)
			.of(TokensRefreshedEvent.class)
			.stream()
			.filter((event) -> event.outcome() == TokenRefreshOutcome.WAITED_FOR_OTHER_INSTANCE)
			.count();
	}

	private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
		Map<String, Object> changed = new HashMap<>(claims);
		changed.put(name, value);
		return changed;
	}

	private static JWTClaimsSet jwtClaims(Map<String, Object> claims) {
		try {
			return JWTClaimsSet.parse(claims);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long failedRefreshes(TokenRefreshFailure reason) {
		long count = 0;
		for (int i = 0; i < bed.apps().size(); i++) {
			count += bed.apps()
				.context(i)
				.getBean(RecordedEvents.class)
				.of(TokenRefreshFailedEvent.class)
				.stream()
				.filter((event) -> event.reason() == reason)
				.count();
		}
		return count;
	}

	private static long refreshedEvents() {
		long count = 0;
		for (int i = 0; i < bed.apps().size(); i++) {
			count += bed.apps()
				.context(i)
				.getBean(RecordedEvents.class)
				.of(TokensRefreshedEvent.class)
				.stream()
				.filter((event) -> event.outcome() == TokenRefreshOutcome.REFRESHED)
				.count();
		}
		return count;
	}

	private static Map<String, Object> grantElsewhere(String refreshToken) throws Exception {
		HttpResponse<String> grant = provider.refreshGrant(refreshToken);
		assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
		return JSONObjectUtils.parse(grant.body());
	}

	private static HttpResponse<String> postRefresh(Browser browser, String baseUrl) throws Exception {
		return browser.postWithCsrf(baseUrl + "/auth/refresh", true);
	}

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.refresh.skew", "500ms");
		properties.put("logging.level.io.github.authstarter.token.SingleFlightTokenRefresher", "debug");
		properties.put("auth.providers.test.jwks-refetch-interval", JWKS_REFETCH_INTERVAL.toMillis() + "ms");
		return properties;
	}

}
