package io.github.authstarter.session;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's sessions on several devices across two instances: listed with their device and
 * which is current, ended one by one from another device, all others at once; a user can
 * never end another user's session, and the posts need the CSRF token.
 */
class UserSessionsIntegrationTests {

	private static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

	private static final String SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

	private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
			+ "Chrome/131.0.0.0 Safari/537.36";

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	static {
		// users of their own: other tests' sessions in the shared Redis are not theirs
		provider.addUser("dora", Map.of("name", "Dora Example"));
		provider.addUser("erin", Map.of("name", "Erin Example"));
	}

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2);

	@Test
	void aUserSeesAndEndsTheirSessionsOnEveryDevice() throws Exception {
		try (Browser laptop = signedIn("dora", FIREFOX, 0);
				Browser phone = signedIn("dora", SAFARI, 1);
				Browser desktop = signedIn("dora", CHROME, 0);
				Browser bob = signedIn("erin", FIREFOX, 1)) {
			List<Map<String, Object>> seen = sessions(laptop, 1);
			assertThat(seen).hasSize(3);
			assertThat(seen.get(0)).containsEntry("current", true).containsEntry("device", "Firefox on Windows");
			assertThat(seen).extracting((session) -> session.get("device"))
				.containsExactlyInAnyOrder("Firefox on Windows", "Safari on iOS", "Chrome on Linux");
			assertThat(seen).allSatisfy((session) -> assertThat(session).containsKeys("id", "createdAt", "lastSeenAt"));
			assertThat(String.valueOf(seen)).as("session ids never leave their cookie")
				.doesNotContain(cookieValue(laptop))
				.doesNotContain(cookieValue(phone));
			String phonesId = idOf(seen, "Safari on iOS");
			// not without the CSRF token
			assertThat(laptop
				.send("POST", bed.apps().url(0) + "/auth/sessions/" + phonesId + "/end",
						Map.of("Accept", "application/json"), "")
				.statusCode()).isEqualTo(403);
			assertThat(phone.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
			// not another user's
			assertThat(bob.postWithCsrf(bed.apps().url(1) + "/auth/sessions/" + phonesId + "/end", true).statusCode())
				.isEqualTo(404);
			assertThat(phone.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
			assertThat(laptop.postWithCsrf(bed.apps().url(0) + "/auth/sessions/not-a-session/end", true).statusCode())
				.isEqualTo(404);
			// the phone was lost: ended from the laptop, seen on the other instance
			HttpResponse<String> ended = laptop.postWithCsrf(bed.apps().url(0) + "/auth/sessions/" + phonesId + "/end",
					true);
			assertThat(ended.statusCode()).isEqualTo(200);
			assertThat(phone.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(sessions(desktop, 1)).hasSize(2);
			// sign out other devices, from the desktop
			HttpResponse<String> others = desktop.postWithCsrf(bed.apps().url(1) + "/auth/sessions/others/end", true);
			assertThat(others.statusCode()).isEqualTo(200);
			assertThat(others.body()).contains("\"ended\":1");
			assertThat(laptop.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(desktop.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
			assertThat(sessions(desktop, 0)).singleElement()
				.satisfies((session) -> assertThat(session).containsEntry("current", true)
					.containsEntry("device", "Chrome on Linux"));
			// bob was never touched
			assertThat(sessions(bob, 0)).hasSize(1);
		}
	}

	@Test
	void anEndedSessionsRefreshTokenIsRevokedAtTheProviderAndTheCurrentOneStillRefreshes() throws Exception {
		provider.addUser("hana", Map.of("name", "Hana Example"));
		try (Browser laptop = signedIn("hana", FIREFOX, 0);
				Browser phone = signedIn("hana", SAFARI, 1);
				Browser desktop = signedIn("hana", CHROME, 0)) {
			String laptops = refreshToken(laptop);
			String phones = refreshToken(phone);
			String desktops = refreshToken(desktop);
			assertThat(provider.activeRefreshTokens("hana")).containsExactlyInAnyOrder(laptops, phones, desktops);
			String phonesId = idOf(sessions(laptop, 0), "Safari on iOS");
			HttpResponse<String> ended = laptop.postWithCsrf(bed.apps().url(0) + "/auth/sessions/" + phonesId + "/end",
					true);
			assertThat(ended.statusCode()).isEqualTo(200);
			HttpResponse<String> grant = provider.refreshGrant(phones);
			assertThat(grant.body()).as("the lost phone's refresh token").contains("invalid_grant");
			assertThat(provider.activeRefreshTokens("hana")).containsExactlyInAnyOrder(laptops, desktops);
			// sign out other devices, from the laptop on the other instance
			HttpResponse<String> others = laptop.postWithCsrf(bed.apps().url(1) + "/auth/sessions/others/end", true);
			assertThat(others.body()).contains("\"ended\":1");
			assertThat(provider.activeRefreshTokens("hana")).containsExactly(laptops);
			HttpResponse<String> refreshed = laptop.postWithCsrf(bed.apps().url(1) + "/auth/refresh", true);
			assertThat(refreshed.statusCode()).as("the current session still refreshes").isEqualTo(200);
		}
	}

	@Test
	void signedOutTheListIsA401() {
		try (Browser nobody = new Browser()) {
			HttpResponse<String> answer = nobody.getJson(bed.apps().url(0) + "/auth/sessions");
			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat(answer.body()).contains("loginUrl");
		}
	}

	private static Browser signedIn(String user, String agent, int instance) {
		Browser browser = new Browser().userAgent(agent);
		browser.login(bed.apps().url(instance) + "/auth/login/test", user, bed.apps().url(instance));
		return browser;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> sessions(Browser browser, int instance) throws Exception {
		HttpResponse<String> answer = browser.getJson(bed.apps().url(instance) + "/auth/sessions");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
		return (List<Map<String, Object>>) (List<?>) JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(answer.body()),
				"sessions");
	}

	/** The refresh token of a browser's session, as the instances stored it. */
	private static String refreshToken(Browser browser) {
		return bed.sessions().user(browser).refreshToken().getTokenValue();
	}

	private static String idOf(List<Map<String, Object>> sessions, String device) {
		return sessions.stream()
			.filter((session) -> device.equals(session.get("device")))
			.map((session) -> (String) session.get("id"))
			.findFirst()
			.orElseThrow();
	}

	private static String cookieValue(Browser browser) {
		return new String(Base64.getDecoder().decode(browser.cookie("SESSION")), StandardCharsets.UTF_8);
	}

}
