package io.github.authstarter.logout;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.RecordedObservations;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC Front-Channel Logout 1.0 on two instances with real providers: the iframe request
 * of a provider whose metadata says {@code frontchannel_logout_supported} on one instance
 * ends the session of that {@code sid} on the other; the answer is never cached and may
 * be framed by the provider only; a wrong issuer, a missing {@code sid}, an unknown
 * provider, a provider that does not say it uses front-channel logout, or a request the
 * browser says is not for an iframe end nothing; {@code /auth/user} never shows the
 * {@code sid}.
 */
class FrontChannelLogoutIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create().frontChannelLogoutSupported(true);

	/**
	 * Spring Authorization Server as it is: its metadata says nothing of front-channel
	 * logout.
	 */
	private static final TestOpenIdProvider silent = TestOpenIdProvider.create();

	static {
		// users of their own: other tests' sessions in the shared Redis are not theirs
		provider.addUser("frida", Map.of("name", "Frida Example"));
		silent.addUser("frida", Map.of("name", "Frida Example"));
	}

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.putAll(silent.clientProperties("other"));
		return properties;
	});

	@BeforeAll
	static void startSilentProvider() {
		// the instances discover it at the first login, not at startup
		silent.start();
	}

	@AfterAll
	static void stopSilentProvider() {
		silent.stop();
	}

	@Test
	void theProvidersIframeEndsTheSessionOfItsSidOnEveryInstance() throws Exception {
		try (Browser user = new Browser(); Browser iframe = new Browser(); Browser elsewhere = new Browser()) {
			user.login(bed.apps().url(0) + "/auth/login/test", "frida", bed.apps().url(0));
			// the same user in another browser: another provider session, another sid
			elsewhere.login(bed.apps().url(1) + "/auth/login/test", "frida", bed.apps().url(1));
			String sid = sid(user);
			assertThat(sid(elsewhere)).isNotEqualTo(sid);
			String issuer = URLEncoder.encode(provider.issuer(), StandardCharsets.UTF_8);
			// not without sid, not from another issuer, not for another provider
			assertThat(frame(iframe, 1, "test?iss=" + issuer).statusCode()).isEqualTo(400);
			String evil = URLEncoder.encode("https://evil.example", StandardCharsets.UTF_8);
			assertThat(frame(iframe, 1, "test?iss=" + evil + "&sid=" + sid).statusCode()).isEqualTo(400);
			assertThat(frame(iframe, 1, "nope?iss=" + issuer + "&sid=" + sid).statusCode()).isEqualTo(404);
			assertThat(user.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(200);
			HttpResponse<String> answer = frame(iframe, 1, "test?iss=" + issuer + "&sid=" + sid);
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store");
			assertThat(answer.headers().firstValue("Content-Security-Policy"))
				.hasValue("default-src 'none'; frame-ancestors " + provider.issuer().replaceAll("/+$", ""));
			assertThat(answer.headers().firstValue("X-Frame-Options")).as("the provider frames it").isEmpty();
			assertThat(user.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(user.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
			// ending by subject would end this one too
			assertThat(elsewhere.getJson(bed.apps().url(0) + "/auth/user").statusCode()).as("the other sid's session")
				.isEqualTo(200);
			assertThat(bed.apps().context(1).getBean(RecordedObservations.class).all()).contains(
					"auth.frontchannel.logout{outcome=rejected, provider=test}",
					"auth.frontchannel.logout{outcome=rejected, provider=unknown}",
					"auth.frontchannel.logout{outcome=accepted, provider=test}");
			assertThat(bed.apps()
				.context(1)
				.getBean(MeterRegistry.class)
				.get("auth.logouts")
				.tag("kind", "frontchannel")
				.counter()
				.count()).isPositive();
		}
	}

	@Test
	void aProviderThatDoesNotSayItUsesFrontChannelLogoutEndsNothing() throws Exception {
		try (Browser user = new Browser(); Browser iframe = new Browser()) {
			user.login(bed.apps().url(0) + "/auth/login/other", "frida", bed.apps().url(0));
			String sid = sid(user);
			String issuer = URLEncoder.encode(silent.issuer(), StandardCharsets.UTF_8);
			HttpResponse<String> answer = frame(iframe, 1, "other?iss=" + issuer + "&sid=" + sid);
			assertThat(answer.statusCode()).isEqualTo(404);
			assertThat(answer.body()).contains("not enabled");
			assertThat(user.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
			assertThat(user.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aRequestTheBrowserSaysIsNotForAnIframeEndsNothing() throws Exception {
		try (Browser user = new Browser(); Browser page = new Browser()) {
			user.login(bed.apps().url(0) + "/auth/login/test", "frida", bed.apps().url(0));
			String issuer = URLEncoder.encode(provider.issuer(), StandardCharsets.UTF_8);
			String logout = bed.apps().url(1) + "/auth/frontchannel-logout/test?iss=" + issuer + "&sid=" + sid(user);
			// a link followed, and a script's fetch from any site, as browsers label them
			for (String destination : new String[] { "document", "empty" }) {
				Map<String, String> headers = Map.of("Accept", "text/html", "Sec-Fetch-Dest", destination);
				HttpResponse<String> answer = page.send("GET", logout, headers, null);
				assertThat(answer.statusCode()).as("Sec-Fetch-Dest: %s", destination).isEqualTo(403);
			}
			assertThat(user.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void theUserEndpointNeverShowsTheProviderSessionId() throws Exception {
		try (Browser user = new Browser()) {
			user.login(bed.apps().url(0) + "/auth/login/test", "frida", bed.apps().url(0));
			Map<String, Object> idToken = bed.sessions().user(user).idToken().getClaims();
			assertThat(idToken).as("the provider's id token binds the sign-in").containsKeys("sid", "nonce");
			String body = user.getJson(bed.apps().url(1) + "/auth/user").body();
			Map<String, Object> claims = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(body), "claims");
			assertThat(claims).containsEntry("sub", "frida");
			assertThat(claims).doesNotContainKeys("sid", "nonce", "at_hash", "c_hash", "s_hash");
		}
	}

	/** A request as the provider's iframe sends it, to an instance's receiver. */
	private static HttpResponse<String> frame(Browser iframe, int instance, String providerAndQuery) {
		return iframe.send("GET", bed.apps().url(instance) + "/auth/frontchannel-logout/" + providerAndQuery,
				Map.of("Accept", "text/html", "Sec-Fetch-Dest", "iframe"), null);
	}

	/** The provider session of the stored id token ({@code /auth/user} hides it). */
	private static String sid(Browser user) {
		String sid = bed.sessions().user(user).idToken().getClaimAsString("sid");
		assertThat(sid).as("the provider's id token has a sid").isNotBlank();
		return URLEncoder.encode(sid, StandardCharsets.UTF_8);
	}

}
