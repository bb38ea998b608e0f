package io.github.authstarter.session;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auth.session.max-lifetime}: an active user signs in again when it has passed
 * since the sign-in, on every instance, and {@code /auth/user} says when.
 */
class SessionMaxLifetimeIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.session.max-lifetime", "4s");
		return properties;
	});

	@Test
	void anActiveUserSignsInAgainWhenTheMaximumLifetimeHasPassed() throws Exception {
		try (Browser browser = new Browser()) {
			long signedIn = Instant.now().getEpochSecond();
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			HttpResponse<String> user = browser.getJson(bed.apps().url(1) + "/auth/user");
			assertThat(user.statusCode()).isEqualTo(200);
			// the earlier of the idle timeout (30 min) and the maximum lifetime
			long expiresAt = JSONObjectUtils.getLong(JSONObjectUtils.parse(user.body()), "sessionExpiresAt");
			assertThat(expiresAt).isBetween(signedIn + 3, signedIn + 5);
			// active all along
			while (Instant.now().isBefore(Instant.ofEpochSecond(expiresAt).minusMillis(300))) {
				assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
				Thread.sleep(500);
			}
			Thread
				.sleep(Math.max(0, Instant.ofEpochSecond(expiresAt).toEpochMilli() - System.currentTimeMillis() + 200));
			HttpResponse<String> after = browser.getJson(bed.apps().url(1) + "/auth/user");
			assertThat(after.statusCode()).isEqualTo(401);
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			// and a browser goes to sign in again
			assertThat(Browser.location(browser.get(bed.apps().url(0) + "/hello"))).contains("/auth/login");
		}
	}

}
