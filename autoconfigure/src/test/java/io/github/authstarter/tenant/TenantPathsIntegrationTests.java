package io.github.authstarter.tenant;

import java.net.http.HttpResponse;
import java.util.Map;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenants by path ({@code auth.tenants.resolution=path}) on two instances: each tenant's
 * part of the application, the starter's endpoints included, is served below
 * {@code /t/<tenant>}, with a provider of its own in the store beside the shared
 * {@code test}. The redirect URI, the redirects and the session cookie stay below the
 * tenant's path; another tenant's provider and a sign-in carried to another tenant's path
 * are refused.
 */
class TenantPathsIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.registrationIds("test", "acme-idp", "globex-idp")
		.callbacksBelow("/t/acme", "/t/globex");

	private static TenantsTestBed bed;

	private static AppInstances apps;

	@BeforeAll
	static void start() {
		bed = TenantsTestBed.start(TenantPathsIntegrationTests.class, provider,
				Map.of("auth.tenants.resolution", "path"), (started) -> {
				});
		apps = bed.apps();
		bed.store().save(StoredProvider.of("acme-idp", "acme", bed.settings("Acme Workforce")));
		bed.store().save(StoredProvider.of("globex-idp", "globex", bed.settings("Globex Login")));
	}

	@AfterAll
	static void stop() {
		bed.close();
	}

	@Test
	void tenantsSignInPageBelowItsPathListsItsOwnProvider() {
		try (Browser browser = new Browser()) {
			String page = TenantTestSupport.awaitPage(browser, tenant("acme", 1) + "/auth/login", "Acme Workforce");
			assertThat(page).doesNotContain("Globex Login").contains("/t/acme/auth/login/acme-idp");
			assertThat(browser.getJson(tenant("acme", 1) + "/auth/providers").body()).contains("\"acme-idp\"")
				.contains("\"test\"")
				.doesNotContain("globex-idp");
			assertThat(browser.get(apps.url(1) + "/auth/login").body()).doesNotContain("Acme Workforce")
				.doesNotContain("Globex Login");
			// an anonymous page of the tenant sends the browser to the tenant's sign-in
			assertThat(Browser.location(browser.get(tenant("acme", 0) + "/hello")))
				.startsWith(tenant("acme", 0) + "/auth/login");
		}
	}

	@Test
	void tenantSignsInBelowItsPathAndTheSignInStaysThere() {
		try (Browser browser = new Browser()) {
			TenantTestSupport.awaitPage(browser, tenant("acme", 0) + "/auth/login", "Acme Workforce");
			String authorize = Browser.location(browser.get(tenant("acme", 0) + "/auth/login/acme-idp"));
			assertThat(provider.authorizationParameters(authorize)).containsEntry("redirect_uri",
					tenant("acme", 0) + "/login/oauth2/code/acme-idp");
		}
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(tenant("acme", 0) + "/auth/login/acme-idp?redirect=/hello",
					"alice", apps.url(1));
			assertThat(Browser.location(callback)).isEqualTo(tenant("acme", 1) + "/hello");
			assertThat(browser.getJson(tenant("acme", 1) + "/auth/user").body()).contains("\"provider\":\"acme-idp\"");
			// the browser keeps the session below the tenant's path
			assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
			String session = browser.cookie("SESSION");
			// carried by hand to another tenant's path or the root
			assertThat(TenantTestSupport.withSession(tenant("globex", 1) + "/auth/user", session)).isEqualTo(401);
			assertThat(TenantTestSupport.withSession(apps.url(0) + "/auth/user", session)).isEqualTo(401);
			assertThat(TenantTestSupport.withSession(tenant("acme", 0) + "/auth/user", session)).isEqualTo(200);
		}
	}

	@Test
	void aSignInAtATenantsPathReplacesTheRootsInTheSameBrowser() {
		try (Browser browser = new Browser()) {
			browser.loginAs(apps.url(0) + "/auth/login/test", "bob");
			assertThat(browser.getJson(apps.url(0) + "/auth/user").body()).contains("\"name\"");
			// the root's cookie goes along below the tenant's path: not accepted there
			assertThat(browser.getJson(tenant("acme", 0) + "/auth/user").statusCode()).isEqualTo(401);
			// the provider's own session signs bob in again
			browser.loginAs(tenant("acme", 0) + "/auth/login/test", "bob");
			assertThat(browser.getJson(tenant("acme", 1) + "/auth/user").statusCode()).isEqualTo(200);
			// one browser session serves one sign-in: the tenant's replaced the root's
			assertThat(browser.getJson(apps.url(1) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void signOutBelowTheTenantsPathComesBackThere() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> start = browser.get(tenant("acme", 0) + "/auth/login/acme-idp");
			// one binding cookie for the browser, whatever path the login starts below
			assertThat(start.headers().allValues("Set-Cookie"))
				.anyMatch((cookie) -> cookie.startsWith("AUTH_FLOW=") && cookie.contains("; Path=/;"));
		}
		try (Browser browser = new Browser()) {
			TenantTestSupport.awaitPage(browser, tenant("acme", 0) + "/auth/login", "Acme Workforce");
			browser.login(tenant("acme", 0) + "/auth/login/acme-idp", "alice", apps.url(1));
			HttpResponse<String> logout = browser.postWithCsrf(tenant("acme", 1) + "/auth/logout", true);
			assertThat(logout.statusCode()).isEqualTo(200);
			String logoutUrl = logout.body().replaceAll("(?s).*\"logoutUrl\":\"([^\"]+)\".*", "$1");
			assertThat(Browser.queryParameters(logoutUrl)).containsEntry("post_logout_redirect_uri",
					tenant("acme", 1) + "/auth/logged-out");
			assertThat(browser.getJson(tenant("acme", 1) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void loginStartForAnotherTenantsProviderIsRefusedWithNothingStored() {
		try (Browser browser = new Browser()) {
			TenantTestSupport.awaitPage(browser, tenant("globex", 0) + "/auth/login", "Globex Login");
			long flows = bed.keys("flow:*");
			HttpResponse<String> refused = browser.getJson(tenant("acme", 0) + "/auth/login/globex-idp");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("\"error\":\"provider_not_for_tenant\"");
			assertThat(browser.getJson(apps.url(0) + "/auth/login/globex-idp").statusCode()).isEqualTo(400);
			// another spelling of the tenant is no tenant at all: a path of the
			// application's, which needs a sign-in
			assertThat(browser.getJson(apps.url(0) + "/t/Globex/auth/login/globex-idp").statusCode()).isEqualTo(401);
			assertThat(bed.keys("flow:*")).isEqualTo(flows);
			assertThat(browser.get(tenant("globex", 0) + "/auth/login/globex-idp").statusCode()).isEqualTo(302);
		}
	}

	@Test
	void callbackDeliveredBelowAnotherTenantsPathIsRefused() {
		try (Browser browser = new Browser()) {
			TenantTestSupport.awaitPage(browser, tenant("acme", 0) + "/auth/login", "Acme Workforce");
			String callback = browser.authorize(tenant("acme", 0) + "/auth/login/acme-idp", "alice");
			String elsewhere = callback.replace("/t/acme/", "/t/globex/");
			HttpResponse<String> refused = browser.getJson(elsewhere);
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("provider_not_for_tenant");
			assertThat(browser.getJson(tenant("globex", 0) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	private static String tenant(String tenant, int instance) {
		return apps.url(instance) + "/t/" + tenant;
	}

}
