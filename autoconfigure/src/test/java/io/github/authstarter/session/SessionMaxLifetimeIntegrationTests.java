package io.github.authstarter.session;

import java.net.http.HttpResponse;
import java.time.Duration;
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
		properties.put("auth.session.max-lifetime", "10m");
		return properties;
	});

	@Test
	void anActiveUserSignsInAgainWhenTheMaximumLifetimeHasPassed() throws Exception {
		try (Browser browser = new Browser()) {
			long loginStarted = bed.clock().instant().getEpochSecond();
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			long loginEnded = bed.clock().instant().getEpochSecond();
			HttpResponse<String> user = browser.getJson(bed.apps().url(1) + "/auth/user");
			assertThat(user.statusCode()).isEqualTo(200);
			// the earlier of the idle timeout (30 min) and the maximum lifetime
			long expiresAt = JSONObjectUtils.getLong(JSONObjectUtils.parse(user.body()), "sessionExpiresAt");
			assertThat(expiresAt).isBetween(loginStarted + 600, loginEnded + 600);
			// active all along, on the starter's clock: the idle timeout never ends it
			for (int minutes = 3; minutes <= 9; minutes += 3) {
				bed.clock().advance(Duration.ofMinutes(3));
				assertThat(browser.getJson(bed.apps().url(minutes % 2) + "/auth/user").statusCode())
					.as(minutes + " min")
					.isEqualTo(200);
			}
			bed.clock().advance(Duration.ofMinutes(1).plusSeconds(2));
			HttpResponse<String> after = browser.getJson(bed.apps().url(1) + "/auth/user");
			assertThat(after.statusCode()).isEqualTo(401);
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			// and a browser goes to sign in again
			assertThat(Browser.location(browser.get(bed.apps().url(0) + "/hello"))).contains("/auth/login");
		}
	}

}
