package io.github.authstarter.logout;

import java.net.http.HttpResponse;
import java.util.Map;

import io.github.authstarter.event.SignOutKind;
import io.github.authstarter.event.SignedOutEvent;
import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.RecordedEvents;
import io.github.authstarter.testbed.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logout against a real OpenID Provider and Redis, on two instances.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProviderLogoutIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).properties(ProviderLogoutIntegrationTests::appProperties);

	@Test
	void logoutOnAnotherInstanceEndsTheProviderSessionAndTheSessionEverywhere() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			// after a refresh the provider only accepts the newest id token as a hint
			assertThat(browser.postWithCsrf(bed.apps().url(1) + "/auth/refresh", true).statusCode()).isEqualTo(200);
			HttpResponse<String> logout = browser.postWithCsrf(bed.apps().url(1) + "/auth/logout", false);
			assertThat(logout.statusCode()).isEqualTo(302);
			String endSession = Browser.location(logout);
			Map<String, String> parameters = Browser.queryParameters(endSession);
			assertThat(endSession).startsWith(provider.issuer() + "/connect/logout?");
			assertThat(parameters).containsEntry("client_id", TestOpenIdProvider.CLIENT_ID)
				.containsEntry("post_logout_redirect_uri", bed.apps().url(1) + "/auth/logged-out")
				.containsKeys("state", "id_token_hint");
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(bed.apps().context(1).getBean(RecordedEvents.class).of(SignedOutEvent.class))
				.contains(new SignedOutEvent("test", "alice", SignOutKind.PROVIDER));

			HttpResponse<String> atProvider = browser.get(endSession);
			assertThat(atProvider.statusCode()).isEqualTo(302);
			String back = Browser.location(atProvider);
			assertThat(back).startsWith(bed.apps().url(1) + "/auth/logged-out?")
				.contains("state=" + parameters.get("state"));
			HttpResponse<String> landed = browser.get(back);
			assertThat(Browser.location(landed)).isEqualTo(bed.apps().url(1) + "/");

			HttpResponse<String> start = browser.get(bed.apps().url(0) + "/auth/login/test");
			HttpResponse<String> authorize = browser.get(Browser.location(start));
			assertThat(Browser.location(authorize)).as("the provider asks to sign in again").endsWith("/login");
		}
	}

	@Test
	void refreshTokenIsRevokedAtLogout() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(1));
			String refreshToken = bed.sessions().user(browser).refreshToken().getTokenValue();
			HttpResponse<String> logout = browser.postWithCsrf(bed.apps().url(0) + "/auth/logout", true);
			assertThat(logout.statusCode()).isEqualTo(200);
			assertThat(logout.body()).contains("\"logoutUrl\":\"" + provider.issuer() + "/connect/logout?");
			HttpResponse<String> grant = provider.refreshGrant(refreshToken);
			assertThat(grant.statusCode()).isEqualTo(400);
			assertThat(grant.body()).contains("invalid_grant");
		}
	}

	@Test
	void logoutOnAFreshlyStartedInstanceStillEndsTheProviderSession() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(0));
			String refreshToken = bed.sessions().user(browser).refreshToken().getTokenValue();
			// an instance started after the login has not discovered the provider yet
			try (AppInstances fresh = AppInstances.start(1, TestApplication.class, bed.properties())) {
				HttpResponse<String> logout = browser.postWithCsrf(fresh.url(0) + "/auth/logout", true);
				assertThat(logout.statusCode()).isEqualTo(200);
				assertThat(logout.body()).contains("\"logoutUrl\":\"" + provider.issuer() + "/connect/logout?")
					.contains("\"providerLogout\":\"provider\"");
			}
			assertThat(provider.refreshGrant(refreshToken).body()).as("revoked").contains("invalid_grant");
		}
	}

	@Test
	void logoutOnAnInstanceThatCannotReachTheProviderSaysItWasLocalOnly(CapturedOutput output) {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			try (AppInstances fresh = AppInstances.start(1, TestApplication.class, bed.properties())) {
				provider.stop();
				try {
					HttpResponse<String> logout = browser.postWithCsrf(fresh.url(0) + "/auth/logout", true);
					assertThat(logout.statusCode()).isEqualTo(200);
					assertThat(logout.body()).contains("\"providerLogout\":\"unavailable\"")
						.contains("\"logoutUrl\":\"/\"");
					assertThat(output.getAll())
						.contains("Logout from provider 'test' is local only: provider_unavailable");
					assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
				}
				finally {
					provider.start();
				}
			}
		}
	}

	@Test
	void logoutCompletesWhenTheProviderIsDown() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			provider.stop();
			try {
				HttpResponse<String> logout = browser.postWithCsrf(bed.apps().url(1) + "/auth/logout", false);
				assertThat(logout.statusCode()).isEqualTo(302);
				assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			}
			finally {
				provider.start();
			}
		}
	}

	@Test
	void logoutNeedsCsrfAndAGetOnlyAsks() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			HttpResponse<String> noToken = browser.postForm(bed.apps().url(0) + "/auth/logout", Map.of());
			assertThat(noToken.statusCode()).isEqualTo(403);
			HttpResponse<String> page = browser.get(bed.apps().url(1) + "/auth/logout");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("<form method=\"post\" action=\"/auth/logout\">")
				.contains("name=\"_csrf\"");
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void providerListIsPublicAndSaysWhereLogoutWorks() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
		}
		try (Browser anonymous = new Browser()) {
			HttpResponse<String> list = anonymous.get(bed.apps().url(0) + "/auth/providers");
			assertThat(list.statusCode()).isEqualTo(200);
			assertThat(list.body()).isEqualTo(
					"[{\"id\":\"test\",\"displayName\":\"Test\",\"loginUrl\":\"/auth/login/test\",\"providerLogout\":true}]");
			assertThat(anonymous.cookie("SESSION")).isNull();
		}
	}

	@Test
	void perProviderPostLogoutRedirectUriIsSentToTheProvider() {
		Map<String, Object> properties = appProperties();
		properties.put("auth.providers.test.post-logout-redirect-uri", "http://127.0.0.1:8080/auth/logged-out");
		try (AppInstances custom = AppInstances.start(1, TestApplication.class, properties);
				Browser browser = new Browser()) {
			browser.login(custom.url(0) + "/auth/login/test", "alice", custom.url(0));
			HttpResponse<String> logout = browser.postWithCsrf(custom.url(0) + "/auth/logout", false);
			assertThat(Browser.queryParameters(Browser.location(logout))).containsEntry("post_logout_redirect_uri",
					"http://127.0.0.1:8080/auth/logged-out");
		}
	}

	@Test
	void localLogoutStaysInTheApplication() {
		Map<String, Object> properties = appProperties();
		properties.put("auth.providers.test.logout", "local");
		try (AppInstances local = AppInstances.start(1, TestApplication.class, properties);
				Browser browser = new Browser()) {
			browser.login(local.url(0) + "/auth/login/test", "alice", local.url(0));
			HttpResponse<String> logout = browser.postWithCsrf(local.url(0) + "/auth/logout", false);
			assertThat(Browser.location(logout)).isEqualTo(local.url(0) + "/");
			assertThat(browser.getJson(local.url(0) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		return properties;
	}

}
