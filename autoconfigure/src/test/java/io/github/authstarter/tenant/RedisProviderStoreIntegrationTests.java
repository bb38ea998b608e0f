package io.github.authstarter.tenant;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.redis.AuthRedisKeys;
import io.github.authstarter.session.AesGcmTokenCipher;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.TestApplication;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Providers kept in the starter's Redis, on two instances sharing one real Redis, signing
 * in at two real providers of their own (other issuers, other clients): a provider saved
 * on one instance signs users in on the other within a second, a new secret is used at
 * the next refresh, a disabled provider refuses logins and ends its sessions.
 */
class RedisProviderStoreIntegrationTests {

	private static final TestOpenIdProvider acme = TestOpenIdProvider.create()
		.client("acme-client", "acme-secret-that-is-long-enough-for-hs256")
		.registrationIds("test", "acme", "acme-bad", "globex", "rotated", "paused");

	private static final TestOpenIdProvider globex = TestOpenIdProvider.create()
		.client("globex-client", "globex-secret-that-is-long-enough-for-hs256")
		.registrationIds("globex");

	private static AppInstances apps;

	@BeforeAll
	static void start() {
		acme.start();
		globex.start();
		Map<String, Object> properties = AuthTestBed.inKeySpace(RedisProviderStoreIntegrationTests.class,
				new HashMap<>(acme.appProperties()));
		properties.put("auth.provider-store.type", "redis");
		// the test provider runs on this machine
		properties.put("auth.provider-store.allow-loopback", "true");
		apps = AppInstances.start(2, TestApplication.class, properties);
	}

	@AfterAll
	static void stop() {
		apps.close();
		globex.stop();
		acme.stop();
	}

	@Test
	void providerSavedOnOneInstanceSignsInOnTheOtherWithinASecond() {
		try (Browser browser = new Browser()) {
			assertThat(browser.getJson(apps.url(1) + "/auth/login/acme").statusCode()).isEqualTo(404);
			store(0).save(StoredProvider.of("acme", "acme-corp", settings(acme)));
			TenantTestSupport
				.awaitWithinASecond(() -> browser.get(apps.url(1) + "/auth/login/acme").statusCode() == 302);
			HttpResponse<String> callback = browser.login(apps.url(1) + "/auth/login/acme", "alice", apps.url(0));
			assertThat(callback.statusCode()).isEqualTo(302);
			assertThat(browser.getJson(apps.url(0) + "/auth/user").body()).contains("\"subject\":\"alice\"")
				.contains("\"provider\":\"acme\"");
		}
	}

	@Test
	void providersAtTwoIssuersSignInSideBySide() {
		store(0).save(StoredProvider.of("globex", "globex-inc", settings(globex)));
		try (Browser browser = new Browser()) {
			TenantTestSupport
				.awaitWithinASecond(() -> browser.get(apps.url(1) + "/auth/login/globex").statusCode() == 302);
			browser.loginAs(apps.url(1) + "/auth/login/globex", "bob");
			assertThat(browser.getJson(apps.url(0) + "/auth/user").body()).contains("\"provider\":\"globex\"");
		}
	}

	@Test
	void changedSecretIsUsedForTheNextRefresh() {
		TestOpenIdProvider rotating = TestOpenIdProvider.create()
			.client("rotating-client", "first-secret-that-is-long-enough-for-hs256")
			.registrationIds("rotated");
		rotating.start();
		try (Browser browser = new Browser()) {
			store(0).save(StoredProvider.of("rotated", null, settings(rotating)));
			browser.loginAs(apps.url(0) + "/auth/login/rotated", "alice");
			rotating.changeClientSecret("second-secret-that-is-long-enough-for-hs256");
			// the provider refuses the old secret (invalid_client): the session is kept
			HttpResponse<String> refused = refresh(browser, 1);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			ProviderStore store = store(1);
			store.save(store.find("rotated").withSettings(settings(rotating)));
			assertThat(refresh(browser, 0).statusCode()).isEqualTo(200);
			assertThat(refresh(browser, 1).statusCode()).isEqualTo(200);
		}
		finally {
			rotating.stop();
		}
	}

	@Test
	void disabledProviderRefusesLoginsAndEndsItsSessions() {
		store(0).save(StoredProvider.of("paused", null, settings(acme)));
		try (Browser browser = new Browser(); Browser other = new Browser()) {
			TenantTestSupport
				.awaitWithinASecond(() -> browser.get(apps.url(1) + "/auth/login/paused").statusCode() == 302);
			browser.loginAs(apps.url(1) + "/auth/login/paused", "alice");
			other.loginAs(apps.url(1) + "/auth/login/test", "bob");
			StoredProvider paused = store(0).find("paused");
			store(0).save(paused.withEnabled(false));
			TenantTestSupport
				.awaitWithinASecond(() -> browser.getJson(apps.url(1) + "/auth/login/paused").statusCode() == 404);
			assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(other.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(200);
			store(1).save(store(1).find("paused").withEnabled(true));
			TenantTestSupport
				.awaitWithinASecond(() -> browser.get(apps.url(0) + "/auth/login/paused").statusCode() == 302);
			assertThat(browser.getJson(apps.url(0) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void removedProviderIsUnknownEverywhereAndItsSessionsEnd() {
		store(0).save(StoredProvider.of("acme-bad", null, settings(acme)));
		try (Browser browser = new Browser()) {
			TenantTestSupport
				.awaitWithinASecond(() -> browser.get(apps.url(1) + "/auth/login/acme-bad").statusCode() == 302);
			browser.loginAs(apps.url(1) + "/auth/login/acme-bad", "bob");
			assertThat(store(1).remove("acme-bad")).isTrue();
			assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(store(1).remove("acme-bad")).isFalse();
			TenantTestSupport
				.awaitWithinASecond(() -> browser.getJson(apps.url(0) + "/auth/login/acme-bad").statusCode() == 404);
			assertThat(store(0).find("acme-bad")).isNull();
		}
	}

	@Test
	void backChannelLogoutOfAStoredProviderEndsItsSessionsOnEveryInstance() throws Exception {
		store(0).save(StoredProvider.of("globex", "globex-inc", settings(globex)));
		try (Browser browser = new Browser()) {
			TenantTestSupport
				.awaitWithinASecond(() -> browser.get(apps.url(1) + "/auth/login/globex").statusCode() == 302);
			browser.loginAs(apps.url(1) + "/auth/login/globex", "alice");
			Map<String, Object> claims = globex.logoutTokenClaims();
			claims.put("sub", "alice");
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(apps.url(0) + "/auth/backchannel-logout/globex"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("logout_token="
							+ URLEncoder.encode(globex.signLogoutToken(claims), StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void badDefinitionIsRefusedNamingTheSettingAndNothingIsStored() {
		Map<String, String> noClient = new HashMap<>(settings(acme));
		noClient.remove("client-id");
		assertRefused(StoredProvider.of("broken", null, noClient), "client-id");
		Map<String, String> typo = new HashMap<>(settings(acme));
		typo.put("client-idd", "x");
		assertRefused(StoredProvider.of("broken", null, typo), "client-idd");
		Map<String, String> keyFile = new HashMap<>(settings(acme));
		keyFile.put("client-key.location", "file:/etc/passwd");
		assertRefused(StoredProvider.of("broken", null, keyFile), "client-key.location");
		Map<String, String> plainHttp = new HashMap<>(settings(acme));
		plainHttp.put("issuer-uri", "http://idp.example.com");
		assertRefused(StoredProvider.of("broken", null, plainHttp), "issuer-uri");
		assertRefused(StoredProvider.of("test", null, settings(acme)), null);
		assertRefused(StoredProvider.of("Upper Case", null, settings(acme)), null);
		assertThat(store(0).find("broken")).isNull();
		assertThat(store(0).summaries()).extracting(StoredProvider.Summary::id).doesNotContain("broken", "test");
	}

	@Test
	void clientSecretIsSealedInRedisWhenTokensAreAndOpensOnlyForItsProvider() {
		RedisClient client = RedisClient.create(TestRedis.get().url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			StringRedisTemplate redis = apps.context(0).getBean(StringRedisTemplate.class);
			AuthRedisKeys keys = new AuthRedisKeys("sealed-providers:");
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			RedisProviderStore store = new RedisProviderStore(redis, keys, (provider) -> {
			}, (id) -> {
			}, new AesGcmTokenCipher(key, List.of()));
			store.save(StoredProvider.of("sealed", null, settings(acme)));
			String stored = connection.sync().hget(keys.storedProviderSettings(), "sealed");
			assertThat(stored).doesNotContain(acme.clientSecret()).contains("client-secret");
			assertThat(store.find("sealed").settings()).containsEntry("client-secret", acme.clientSecret());
			// a sealed secret copied to another provider's record does not open there
			connection.sync().hset(keys.storedProviderSettings(), "copied", stored);
			connection.sync().hset(keys.storedProviders(), "copied", "{\"enabled\":true,\"version\":9}");
			assertThatException().isThrownBy(() -> store.find("copied"));
		}
		finally {
			client.shutdown();
		}
	}

	private static void assertRefused(StoredProvider provider, String setting) {
		assertThatExceptionOfType(InvalidProviderException.class).isThrownBy(() -> store(1).save(provider))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo(setting));
	}

	private static HttpResponse<String> refresh(Browser browser, int instance) {
		return browser.postWithCsrf(apps.url(instance) + "/auth/refresh", true);
	}

	private static Map<String, String> settings(TestOpenIdProvider provider) {
		return Map.of("issuer-uri", provider.issuer(), "client-id", provider.clientId(), "client-secret",
				provider.clientSecret(), "scopes", "openid,profile,email");
	}

	private static ProviderStore store(int instance) {
		return apps.context(instance).getBean(ProviderStore.class);
	}

}
