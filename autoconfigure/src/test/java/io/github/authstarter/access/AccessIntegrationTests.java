package io.github.authstarter.access;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.authstarter.event.SignInFailedEvent;
import io.github.authstarter.event.TokenRefreshFailedEvent;
import io.github.authstarter.event.TokenRefreshFailure;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.RecordedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorities from claims and the sign-in policy against a real provider and Redis, on
 * two instances: roles from the ID token, from a Keycloak-style access token and from a
 * namespaced claim; Spring Security's rules on them; refusals that leave no session; and
 * both following the provider on refresh.
 */
class AccessIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create().registrationIds("test", "strict");

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).properties(AccessIntegrationTests::appProperties);

	static {
		provider.addUser("alice", Map.of("name", "Alice", "email", "alice@example.com", "email_verified", true, "roles",
				List.of("admins"), "https://example.com/roles", "editors, writers"));
		provider.setAccessTokenClaim("alice", "realm_access", Map.of("roles", List.of("auditors")));
		provider.addUser("frank", Map.of("name", "Frank", "email", "frank@example.com", "email_verified", true, "roles",
				List.of("grp-1234")));
		provider.addUser("gina", Map.of("name", "Gina", "email", "gina@example.com", "email_verified", true, "roles",
				List.of("admins")));
		provider.addUser("carol",
				Map.of("name", "Carol", "email", "carol@other.org", "email_verified", true, "groups", "staff"));
		provider.addUser("dave",
				Map.of("name", "Dave", "email", "dave@example.com", "email_verified", false, "groups", "staff"));
		provider.addUser("erin",
				Map.of("name", "Erin", "email", "erin@example.com", "email_verified", true, "groups", "staff"));
		provider.addUser("hank", Map.of("name", "Hank", "email", "hank@example.com", "email_verified", true));
	}

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		properties.putAll(provider.clientProperties("strict"));
		String test = "auth.providers.test.authorities.";
		properties.put(test + "claims", "roles,realm_access.roles,https://example.com/roles");
		properties.put(test + "sources", "id-token,access-token");
		properties.put(test + "mapping.grp-1234", "admins");
		properties.put(test + "defaults", "ROLE_member");
		properties.put(test + "include-scopes", "true");
		properties.put("auth.providers.strict.authorities.claims", "groups");
		properties.put("auth.providers.strict.allowed-email-domains", "example.com");
		properties.put("auth.providers.strict.required-authorities", "staff");
		return properties;
	}

	@Test
	void authoritiesComeFromTheIdTokenTheAccessTokenAndANamespacedClaimOnEveryInstance() {
		try (Browser alice = new Browser()) {
			alice.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(0));
			assertThat(alice.get(bed.apps().url(1) + "/api/authorities").body().split(",")).contains("OIDC_USER",
					"ROLE_admins", "ROLE_auditors", "ROLE_editors", "ROLE_writers", "ROLE_member", "SCOPE_openid");
			assertThat(alice.get(bed.apps().url(1) + "/api/admin").statusCode()).isEqualTo(200);
			assertThat(alice.get(bed.apps().url(0) + "/api/secured-admin").statusCode()).isEqualTo(200);
			assertThat(alice.getJson(bed.apps().url(1) + "/auth/user").body()).contains("\"authorities\":[")
				.contains("\"ROLE_auditors\"");
		}
	}

	@Test
	void aUserWithoutTheRoleIsForbiddenAndAMappedGroupCounts() {
		try (Browser bob = new Browser(); Browser frank = new Browser()) {
			bob.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(1));
			HttpResponse<String> denied = bob.getJson(bed.apps().url(1) + "/api/admin");
			assertThat(denied.statusCode()).isEqualTo(403);
			assertThat(denied.body()).contains("\"error\"");
			assertThat(bob.get(bed.apps().url(0) + "/api/authorities").body()).doesNotContain("SCOPE_x")
				.contains("ROLE_member")
				.doesNotContain("ROLE_admins");
			frank.login(bed.apps().url(1) + "/auth/login/test", "frank", bed.apps().url(0));
			assertThat(frank.get(bed.apps().url(0) + "/api/admin").statusCode()).isEqualTo(200);
			assertThat(frank.get(bed.apps().url(0) + "/api/authorities").body()).doesNotContain("grp-1234");
		}
	}

	@Test
	void rolesFollowTheProviderOnRefreshRemovedAndAdded() {
		try (Browser gina = new Browser()) {
			gina.login(bed.apps().url(0) + "/auth/login/test", "gina", bed.apps().url(0));
			assertThat(gina.get(bed.apps().url(1) + "/api/admin").statusCode()).isEqualTo(200);
			provider.setClaim("gina", "roles", List.of("viewers"));
			assertThat(gina.postWithCsrf(bed.apps().url(1) + "/auth/refresh", true).statusCode()).isEqualTo(200);
			assertThat(gina.getJson(bed.apps().url(0) + "/api/admin").statusCode()).isEqualTo(403);
			assertThat(gina.get(bed.apps().url(0) + "/api/authorities").body()).contains("ROLE_viewers")
				.doesNotContain("ROLE_admins");
			provider.setClaim("gina", "roles", List.of("viewers", "admins"));
			provider.setAccessTokenClaim("gina", "realm_access", Map.of("roles", List.of("auditors")));
			assertThat(gina.postWithCsrf(bed.apps().url(0) + "/auth/refresh", true).statusCode()).isEqualTo(200);
			assertThat(gina.get(bed.apps().url(1) + "/api/admin").statusCode()).isEqualTo(200);
			assertThat(gina.get(bed.apps().url(1) + "/api/authorities").body()).contains("ROLE_auditors");
		}
	}

	@Test
	void aUserOfAnotherEmailDomainIsRefusedWithoutASessionAndMayPickAnotherAccount() {
		long sessions = bed.sessions().count();
		int refusals = refusals("email_domain_not_allowed");
		double metric = refusalMetric("email_domain_not_allowed");
		try (Browser carol = new Browser()) {
			HttpResponse<String> page = carol.login(bed.apps().url(0) + "/auth/login/strict", "carol",
					bed.apps().url(1));
			assertThat(page.statusCode()).isEqualTo(403);
			assertThat(Browser.mediaType(page)).isEqualTo("text/html");
			assertThat(page.body()).contains("email domain").contains("id=\"sign-in-again\"");
			assertNoSession(carol, sessions);
			HttpResponse<String> again = carol.get(bed.apps().url(1) + "/auth/login/strict?prompt=select_account");
			assertThat(again.statusCode()).isEqualTo(302);
			assertThat(provider.authorizationParameters(Browser.location(again))).containsEntry("prompt",
					"select_account");
		}
		assertThat(refusals("email_domain_not_allowed")).isEqualTo(refusals + 1);
		assertThat(refusalMetric("email_domain_not_allowed")).isEqualTo(metric + 1);
	}

	private static double refusalMetric(String reason) {
		double count = 0;
		for (int i = 0; i < bed.apps().size(); i++) {
			Counter counter = bed.apps()
				.context(i)
				.getBean(MeterRegistry.class)
				.find("auth.logins")
				.tags("provider", "strict", "outcome", "failure", "reason", reason)
				.counter();
			count += (counter != null) ? counter.count() : 0;
		}
		return count;
	}

	@Test
	void refusalsAnswerJsonNamingTheRule() {
		long sessions = bed.sessions().count();
		assertRefusedAsJson("dave", "email_not_verified");
		assertRefusedAsJson("hank", "missing_required_authority");
		assertThat(bed.sessions().count()).isEqualTo(sessions);
	}

	@Test
	void aUserWhoNoLongerMeetsThePolicyIsSignedOutOnRefresh() {
		try (Browser erin = new Browser()) {
			erin.login(bed.apps().url(0) + "/auth/login/strict", "erin", bed.apps().url(1));
			assertThat(erin.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(200);
			provider.setClaim("erin", "groups", "former-staff");
			HttpResponse<String> refresh = erin.postWithCsrf(bed.apps().url(1) + "/auth/refresh", true);
			assertThat(refresh.statusCode()).isEqualTo(401);
			assertThat(refresh.body()).contains("reauthentication_required");
			assertThat(erin.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(erin.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(events(1).of(TokenRefreshFailedEvent.class))
				.anyMatch((event) -> event.reason() == TokenRefreshFailure.SIGN_IN_REFUSED);
		}
		finally {
			provider.setClaim("erin", "groups", "staff");
		}
	}

	private static void assertRefusedAsJson(String user, String reason) {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(bed.apps().url(1) + "/auth/login/strict", user);
			HttpResponse<String> answer = browser.getJson(Browser.onInstance(callback, bed.apps().url(0)));
			assertThat(answer.statusCode()).isEqualTo(403);
			assertThat(answer.body()).contains("\"error\":\"access_denied\"")
				.contains("\"reason\":\"" + reason + "\"")
				.contains("\"signInAgainUrl\":\"/auth/login/strict?prompt=select_account\"");
			assertThat(browser.cookie("SESSION")).isNull();
		}
	}

	private static void assertNoSession(Browser browser, long sessionsBefore) {
		assertThat(browser.cookie("SESSION")).as("no session cookie").isNull();
		assertThat(bed.sessions().count()).as("no session in Redis").isEqualTo(sessionsBefore);
		assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
		assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
	}

	private static int refusals(String reason) {
		int count = 0;
		for (int i = 0; i < bed.apps().size(); i++) {
			count += (int) events(i).of(SignInFailedEvent.class)
				.stream()
				.filter((event) -> event.reason().equals(reason))
				.count();
		}
		return count;
	}

	private static RecordedEvents events(int instance) {
		return bed.apps().context(instance).getBean(RecordedEvents.class);
	}

}
