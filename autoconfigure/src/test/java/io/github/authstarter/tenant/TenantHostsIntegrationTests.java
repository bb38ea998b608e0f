package io.github.authstarter.tenant;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.authstarter.test.server.AppInstances;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tenants by host on two instances, each tenant at its own host below
 * {@code tenants.localhost} (resolved to loopback by this execution's hosts file), each
 * with a provider of its own in the store beside the shared {@code test}: a tenant's
 * sign-in page lists its own, a login start or callback for another tenant's provider is
 * refused with nothing stored, and a sign-in at one tenant is not accepted at another's
 * host.
 */
class TenantHostsIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.registrationIds("test", "acme-idp", "globex-idp");

	private static TenantsTestBed bed;

	private static AppInstances apps;

	@BeforeAll
	static void start() {
		// its own failsafe execution resolves these names; -Dit.test also runs it in the
		// default one, which cannot
		assumeTrue(resolves("acme.tenants.localhost"), "tenant hosts resolve only in the tenant-hosts execution");
		bed = TenantsTestBed.start(
				TenantHostsIntegrationTests.class, provider, Map.of("auth.tenants.resolution", "host",
						"auth.tenants.domain", "tenants.localhost", "auth.tenants.email-sign-in", "true"),
				(started) -> {
					for (int i = 0; i < 2; i++) {
						for (String tenant : new String[] { "acme.", "globex.", "" }) {
							provider.allowOrigin("http://" + tenant + "tenants.localhost:" + started.port(i));
						}
					}
				});
		apps = bed.apps();
		bed.store().save(StoredProvider.of("acme-idp", "acme", bed.settings("Acme Workforce")));
		bed.store().save(StoredProvider.of("globex-idp", "globex", bed.settings("Globex Login")));
		// of no tenant, and first in id order: a tenant's own provider still goes first
		bed.store().save(StoredProvider.of("aaa-shared", null, bed.settings("Shared Login")));
	}

	@AfterAll
	static void stop() {
		if (bed != null) {
			bed.close();
		}
	}

	private static boolean resolves(String host) {
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	@Test
	void tenantsSignInPageListsItsOwnProviderBesideTheSharedOnes() {
		try (Browser browser = new Browser()) {
			String page = TenantTestSupport.awaitPage(browser, host("acme", 1) + "/auth/login", "Acme Workforce");
			assertThat(page).contains("Acme Workforce").doesNotContain("Globex Login");
			assertThat(browser.getJson(host("acme", 1) + "/auth/providers").body()).contains("\"acme-idp\"")
				.contains("\"test\"")
				.doesNotContain("globex-idp");
			assertThat(browser.get(host("", 1) + "/auth/login").body()).doesNotContain("Acme Workforce")
				.doesNotContain("Globex Login");
		}
	}

	@Test
	void tenantSignsInThroughItsProviderAndTheSignInStaysWithTheTenant() {
		try (Browser browser = new Browser()) {
			TenantTestSupport.awaitPage(browser, host("acme", 0) + "/auth/login", "Acme Workforce");
			HttpResponse<String> callback = browser.login(host("acme", 0) + "/auth/login/acme-idp", "alice",
					host("acme", 1));
			assertThat(callback.statusCode()).isEqualTo(302);
			assertThat(browser.getJson(host("acme", 1) + "/auth/user").body()).contains("\"provider\":\"acme-idp\"");
			String session = browser.cookie("SESSION");
			// the same session cookie, carried to another tenant's host or the root
			assertThat(TenantTestSupport.withSession(host("globex", 1) + "/auth/user", session)).isEqualTo(401);
			assertThat(TenantTestSupport.withSession(host("", 0) + "/auth/user", session)).isEqualTo(401);
			assertThat(TenantTestSupport.withSession(host("acme", 0) + "/auth/user", session)).isEqualTo(200);
		}
	}

	@Test
	void sharedProviderSignInIsBoundToTheTenantItWasMadeAt() {
		try (Browser browser = new Browser()) {
			browser.loginAs(host("globex", 0) + "/auth/login/test", "bob");
			String session = browser.cookie("SESSION");
			assertThat(TenantTestSupport.withSession(host("globex", 1) + "/auth/user", session)).isEqualTo(200);
			assertThat(TenantTestSupport.withSession(host("acme", 1) + "/auth/user", session)).isEqualTo(401);
		}
	}

	@Test
	void loginStartForAnotherTenantsProviderIsRefusedWithNothingStored() {
		try (Browser browser = new Browser()) {
			TenantTestSupport.awaitPage(browser, host("globex", 0) + "/auth/login", "Globex Login");
			long flows = bed.keys("flow:*");
			long starts = bed.keys("flow:login-starts:*");
			HttpResponse<String> refused = browser.getJson(host("acme", 0) + "/auth/login/globex-idp");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("\"error\":\"provider_not_for_tenant\"");
			assertThat(browser.getJson(host("", 0) + "/auth/login/globex-idp").statusCode()).isEqualTo(400);
			assertThat(bed.keys("flow:*")).isEqualTo(flows);
			assertThat(bed.keys("flow:login-starts:*")).isEqualTo(starts);
			assertThat(browser.get(host("globex", 0) + "/auth/login/globex-idp").statusCode()).isEqualTo(302);
		}
	}

	@Test
	void callbackDeliveredAtAnotherTenantsHostIsRefused() {
		try (Browser browser = new Browser()) {
			TenantTestSupport.awaitPage(browser, host("acme", 0) + "/auth/login", "Acme Workforce");
			String callback = browser.authorize(host("acme", 0) + "/auth/login/acme-idp", "alice");
			HttpResponse<String> refused = browser.getJson(Browser.onInstance(callback, host("globex", 1)));
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("provider_not_for_tenant");
			assertThat(browser.getJson(host("globex", 1) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void emailSendsTheUserToTheProviderOfItsDomainForTheRequestsTenant() {
		try (Browser browser = new Browser()) {
			String page = TenantTestSupport.awaitPage(browser, host("acme", 1) + "/auth/login", "Acme Workforce");
			assertThat(page).contains("id=\"email-sign-in\"");
			HttpResponse<String> acme = browser.get(host("acme", 1) + "/auth/login?email=Alice@Example.com");
			assertThat(acme.statusCode()).isEqualTo(302);
			assertThat(Browser.location(acme))
				.isEqualTo(host("acme", 1) + "/auth/login/acme-idp?login_hint=Alice%40Example.com");
			TenantTestSupport.awaitPage(browser, host("globex", 0) + "/auth/login", "Globex Login");
			HttpResponse<String> globex = browser.get(host("globex", 0) + "/auth/login?email=bob@example.com");
			assertThat(Browser.location(globex)).startsWith(host("globex", 0) + "/auth/login/globex-idp?");
			// the login start passes the address on to the provider
			HttpResponse<String> start = browser.get(Browser.location(globex));
			assertThat(provider.authorizationParameters(Browser.location(start))).containsEntry("login_hint",
					"bob@example.com");
		}
	}

	@Test
	void withEmailSignInABrowserIsSentToTheSignInPageEvenWithOneProviderListed() {
		try (Browser browser = new Browser()) {
			// the root lists test alone, which would otherwise be the login itself
			assertThat(Browser.location(browser.get(host("", 0) + "/hello")))
				.isEqualTo(host("", 0) + "/auth/login?redirect=%2Fhello");
		}
	}

	@Test
	void emailOfNoProviderHereOrNoEmailAtAllGetsThePageSayingSo() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> unknown = browser.get(host("acme", 0) + "/auth/login?email=carol@initech.example");
			assertThat(unknown.statusCode()).isEqualTo(404);
			assertThat(unknown.body()).contains("initech.example").contains("id=\"providers\"");
			// the root has no tenant: the provider of no tenant takes its address
			assertThat(Browser.location(browser.get(host("", 0) + "/auth/login?email=alice@example.com")))
				.startsWith(host("", 0) + "/auth/login/aaa-shared?");
			for (String odd : new String[] { "alice", "@example.com", "a@b@example.com", "alice@localhost",
					"alice@exa mple.com" }) {
				assertThat(browser
					.get(host("acme", 0) + "/auth/login?email=" + URLEncoder.encode(odd, StandardCharsets.UTF_8))
					.statusCode()).as(odd).isEqualTo(400);
			}
		}
	}

	@Test
	void callbackIsJudgedByTheProviderItsFlowWasStartedFor() {
		try (Browser browser = new Browser()) {
			TenantTestSupport.awaitPage(browser, host("acme", 0) + "/auth/login", "Acme Workforce");
			String callback = browser.authorize(host("acme", 0) + "/auth/login/acme-idp", "alice");
			// delivered to globex's host under globex's own provider's callback path: the
			// flow record says acme-idp, and the path's provider is not the record's
			String forged = Browser.onInstance(callback, host("globex", 1)).replace("/acme-idp?", "/globex-idp?");
			// whoever forges it holds the flow's binding cookie: it is their own browser
			browser.plantCookie("globex.tenants.localhost", "AUTH_FLOW", browser.cookie("AUTH_FLOW"));
			HttpResponse<String> refused = browser.getJson(forged);
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("provider_mismatch");
			assertThat(browser.getJson(host("globex", 1) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void encodedIdIsJudgedAsSpringSecurityReadsIt() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> refused = browser.getJson(host("globex", 0) + "/auth/login/acme-%69dp");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("provider_not_for_tenant");
		}
	}

	private static String host(String tenant, int instance) {
		return "http://" + (tenant.isEmpty() ? "" : tenant + ".") + "tenants.localhost:" + apps.port(instance);
	}

}
