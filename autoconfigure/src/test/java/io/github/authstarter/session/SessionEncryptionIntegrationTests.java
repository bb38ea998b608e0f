package io.github.authstarter.session;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.session.redis.PlainJsonRedisSerializer;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.StoredSessions;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens in the Redis session record, read with a plain Redis client: encrypted under the
 * current key, readable by an instance that has it as a previous key (a rolling key
 * rotation), rewritten under the new key, and unreadable (signed out, no 500) for an
 * instance that lost the key.
 */
class SessionEncryptionIntegrationTests {

	private static final String OLD_KEY = randomKey();

	private static final String NEW_KEY = randomKey();

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private static AppInstances oldKeyOnly;

	private static AppInstances rotated;

	private static StoredSessions sessions;

	@BeforeAll
	static void start() {
		provider.start();
		Map<String, Object> old = AuthTestBed.inKeySpace(SessionEncryptionIntegrationTests.class,
				provider.appProperties());
		old.put("auth.session.encryption-key", OLD_KEY);
		old.put("auth.session.require-encryption", "true");
		oldKeyOnly = AppInstances.start(1, TestApplication.class, old);
		Map<String, Object> rotation = AuthTestBed.inKeySpace(SessionEncryptionIntegrationTests.class,
				provider.appProperties());
		rotation.put("auth.session.encryption-key", NEW_KEY);
		rotation.put("auth.session.previous-keys", OLD_KEY);
		rotated = AppInstances.start(1, TestApplication.class, rotation);
		sessions = new StoredSessions("SessionEncryptionIntegrationTests:spring:session");
	}

	@AfterAll
	static void stop() {
		sessions.close();
		oldKeyOnly.close();
		rotated.close();
		provider.stop();
	}

	@Test
	void aRedisDumpRevealsNoUsableToken() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(oldKeyOnly.url(0) + "/auth/login/test", "alice", oldKeyOnly.url(0));
			String accessToken = browser.get(oldKeyOnly.url(0) + "/api/token").body();
			assertThat(accessToken).isNotBlank();
			Map<String, Object> record = record(browser);
			String oldKeyId = AesGcmTokenCipher.keyId(Base64.getDecoder().decode(OLD_KEY));
			for (String token : new String[] { "accessToken", "refreshToken", "idToken" }) {
				assertThat(JSONObjectUtils.getString(JSONObjectUtils.getJSONObject(record, token), "value"))
					.startsWith("enc:v1:" + oldKeyId + ":");
			}
			// the dump holds alice's record: a dump of nothing would reveal nothing too
			assertThat(dumpRedis()).doesNotContain(accessToken)
				.contains(sessions.key(browser) + "\n")
				.contains("sessionAttr:AUTH_USER");
		}
	}

	@Test
	void aRotatedInstanceReadsOldRecordsAndRewritesThemUnderTheNewKey() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(oldKeyOnly.url(0) + "/auth/login/test", "bob", oldKeyOnly.url(0));
			String before = browser.get(oldKeyOnly.url(0) + "/api/token").body();
			assertThat(browser.get(rotated.url(0) + "/api/token").body()).isEqualTo(before);
			assertThat(browser.postWithCsrf(rotated.url(0) + "/auth/refresh", true).statusCode()).isEqualTo(200);
			String newKeyId = AesGcmTokenCipher.keyId(Base64.getDecoder().decode(NEW_KEY));
			assertThat(
					JSONObjectUtils.getString(JSONObjectUtils.getJSONObject(record(browser), "accessToken"), "value"))
				.startsWith("enc:v1:" + newKeyId + ":");
			assertThat(browser.get(rotated.url(0) + "/api/token").body()).isNotEqualTo(before);
			// an instance without the new key cannot open the record: signed out, not a
			// 500
			assertThat(browser.getJson(oldKeyOnly.url(0) + "/api/token").statusCode()).isEqualTo(401);
		}
	}

	private static Map<String, Object> record(Browser browser) throws Exception {
		String stored = sessions.hash(browser).get("sessionAttr:AUTH_USER");
		String json = (String) new PlainJsonRedisSerializer().deserialize(stored.getBytes(StandardCharsets.UTF_8));
		return JSONObjectUtils.parse(json);
	}

	private static String dumpRedis() {
		StringBuilder dump = new StringBuilder();
		var redis = sessions.redis();
		for (String key : redis.keys("SessionEncryptionIntegrationTests:*")) {
			dump.append(key).append('\n');
			switch (redis.type(key)) {
				case "string" -> dump.append(redis.get(key));
				case "hash" -> dump.append(redis.hgetall(key));
				case "set" -> dump.append(redis.smembers(key));
				default -> dump.append(redis.type(key));
			}
			dump.append('\n');
		}
		return dump.toString();
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
