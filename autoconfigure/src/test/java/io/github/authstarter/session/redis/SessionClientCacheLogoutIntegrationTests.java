package io.github.authstarter.session.redis;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cache without its read barrier, where an instance may answer from a copy of
 * a record that a refresh on another instance has just replaced, its invalidation still
 * on the way: a logout on that instance still revokes the newest refresh token, because
 * it reads the record from Redis itself under the session's refresh lock.
 */
class SessionClientCacheLogoutIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	static {
		// a user of her own: other tests' sessions in the shared Redis are not hers
		provider.addUser("ines", Map.of("name", "Ines Example"));
	}

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.session.client-cache.enabled", "true");
		properties.put("auth.session.client-cache.read-barrier", "false");
		return properties;
	});

	@Test
	void aLogoutOnAnInstanceHoldingTheRecordBeforeARefreshRevokesTheNewestRefreshToken() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "ines", bed.apps().url(0));
			String key = bed.sessions().key(browser);
			TrackedSessionCache cache = bed.apps().context(0).getBean(TrackedSessionCache.class);
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
			assertThat(cache.holds(key)).as("instance 0 holds the record in memory").isTrue();
			Map<String, Object> beforeRefresh = record(key);
			String first = bed.sessions().user(browser).refreshToken().getTokenValue();
			// instance 1 refreshes: the provider rotates the refresh token
			assertThat(browser.postWithCsrf(bed.apps().url(1) + "/auth/refresh", true).statusCode()).isEqualTo(200);
			String newest = bed.sessions().user(browser).refreshToken().getTokenValue();
			assertThat(newest).isNotEqualTo(first);
			assertThat(provider.activeRefreshTokens("ines")).containsExactly(newest);
			// instance 0 answers from the record before the refresh, as it does while
			// Redis's invalidation is on its way and nothing waits for it
			// every invalidation of the refresh's writes reached instance 0 once a round
			// trip on its tracking connection returns: the refresh answered after them
			assertThat(cache.awaitBarrier()).as("the read barrier's round trip").isTrue();
			assertThat(cache.holds(key)).as("the refresh's invalidation arrived").isFalse();
			cache.store(cache.reserve(key), key, beforeRefresh);
			assertThat(cache.holds(key)).isTrue();
			HttpResponse<String> logout = browser.postWithCsrf(bed.apps().url(0) + "/auth/logout", true);
			assertThat(logout.statusCode()).isEqualTo(200);
			assertThat(provider.activeRefreshTokens("ines")).as("refresh tokens usable after the logout").isEmpty();
			assertThat(provider.refreshGrant(newest).body()).contains("invalid_grant");
		}
	}

	/** The record as Redis holds it, field names and values, as the cache holds them. */
	private static Map<String, Object> record(String key) {
		PlainJsonRedisSerializer values = new PlainJsonRedisSerializer();
		Map<String, Object> record = new HashMap<>();
		Map<String, String> stored = bed.sessions().redis().hgetall(key);
		stored.forEach((field, value) -> record.put(field, values.deserialize(value.getBytes(StandardCharsets.UTF_8))));
		return record;
	}

}
