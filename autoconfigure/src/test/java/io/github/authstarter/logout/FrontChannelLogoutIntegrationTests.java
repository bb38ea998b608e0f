package io.github.authstarter.logout;

import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC Front-Channel Logout 1.0 on two instances with a real provider: the provider's
 * iframe request on one instance ends the session of that {@code sid} on the other; the
 * answer is never cached and may be framed by the provider only; a wrong issuer, a
 * missing {@code sid} or an unknown provider end nothing.
 */
class FrontChannelLogoutIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2);

	@Test
	void theProvidersIframeEndsTheSessionOfItsSidOnEveryInstance() throws Exception {
		try (Browser user = new Browser(); Browser iframe = new Browser()) {
			user.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			String sid = sid(user);
			String issuer = URLEncoder.encode(provider.issuer(), StandardCharsets.UTF_8);
			// not without sid, not from another issuer, not for another provider
			assertThat(iframe.get(bed.apps().url(1) + "/auth/frontchannel-logout/test?iss=" + issuer).statusCode())
				.isEqualTo(400);
			assertThat(iframe
				.get(bed.apps().url(1) + "/auth/frontchannel-logout/test?iss=https%3A%2F%2Fevil.example&sid=" + sid)
				.statusCode()).isEqualTo(400);
			assertThat(iframe.get(bed.apps().url(1) + "/auth/frontchannel-logout/nope?iss=" + issuer + "&sid=" + sid)
				.statusCode()).isEqualTo(404);
			assertThat(user.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(200);
			HttpResponse<String> answer = iframe
				.get(bed.apps().url(1) + "/auth/frontchannel-logout/test?iss=" + issuer + "&sid=" + sid);
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store");
			assertThat(answer.headers().firstValue("Content-Security-Policy"))
				.hasValue("default-src 'none'; frame-ancestors " + provider.issuer().replaceAll("/+$", ""));
			assertThat(answer.headers().firstValue("X-Frame-Options")).as("the provider frames it").isEmpty();
			assertThat(user.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(user.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	private static String sid(Browser user) throws Exception {
		// the provider session named in the user's id token, as /auth/user shows it
		Object sid = com.nimbusds.jose.util.JSONObjectUtils
			.getJSONObject(
					com.nimbusds.jose.util.JSONObjectUtils.parse(user.getJson(bed.apps().url(0) + "/auth/user").body()),
					"claims")
			.get("sid");
		assertThat(sid).as("the provider's id token has a sid").isInstanceOf(String.class);
		return URLEncoder.encode((String) sid, StandardCharsets.UTF_8);
	}

}
