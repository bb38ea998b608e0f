package io.github.authstarter.flow;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code max_age} and {@code acr_values} on a login, checked in the ID token, and step-up
 * ({@code requireRecentLogin}, {@code requireAcr}) through a real provider on two
 * instances: the user goes through the provider again and back to the same page; a
 * provider that ignores the request is refused with a reason, never trusted.
 */
class StepUpIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	static {
		provider.addUser("gina", Map.of("name", "Gina Example"));
		provider.addUser("hank", Map.of("name", "Hank Example"));
	}

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.providers.test.forward-params", "login_hint,prompt,max_age,acr_values");
		return properties;
	});

	@Test
	void maxAgeIsForwardedAndTheIdTokensAuthTimeChecked() {
		try (Browser browser = new Browser()) {
			String authorize = Browser
				.location(browser.get(bed.apps().url(0) + "/auth/login/test?max_age=300&login_hint=gina"));
			assertThat(provider.authorizationParameters(authorize)).containsEntry("max_age", "300");
			browser.login(bed.apps().url(0) + "/auth/login/test?max_age=300", "gina", bed.apps().url(1));
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(200);
		}
		// a provider that says the user authenticated an hour ago: refused
		provider.setClaim("gina", "auth_time", Instant.now().minusSeconds(3600).getEpochSecond());
		try (Browser browser = new Browser()) {
			HttpResponse<String> refused = browser.login(bed.apps().url(0) + "/auth/login/test?max_age=300", "gina",
					bed.apps().url(1));
			assertThat(refused.statusCode()).isIn(302, 403);
			HttpResponse<String> page = browser.followRedirects(refused);
			assertThat(page.statusCode()).isEqualTo(403);
			assertThat(page.body()).contains("The provider did not ask you to sign in again");
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
		}
		finally {
			provider.removeClaim("gina", "auth_time");
		}
	}

	@Test
	void acrValuesAreCheckedAgainstTheIdTokensAcr() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> refused = browser.login(bed.apps().url(0) + "/auth/login/test?acr_values=gold", "hank",
					bed.apps().url(0));
			HttpResponse<String> page = browser.followRedirects(refused);
			assertThat(page.statusCode()).isEqualTo(403);
			assertThat(page.body()).contains("The provider did not sign you in the way this sign-in requires.");
		}
		provider.setClaim("hank", "acr", "gold");
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test?acr_values=silver%20gold", "hank", bed.apps().url(0));
			assertThat(browser.get(bed.apps().url(1) + "/gold").body()).isEqualTo("gold hank");
		}
		finally {
			provider.removeClaim("hank", "acr");
		}
	}

	@Test
	void aSensitivePageSendsTheUserThroughTheProviderAgainAndBack() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "gina", bed.apps().url(0));
			// a plain sign-in proves nothing, however recent: single sign-on may have
			// completed it without the user; a script is told where to send the browser
			HttpResponse<String> json = browser.getJson(bed.apps().url(0) + "/api/sensitive");
			assertThat(json.statusCode()).isEqualTo(401);
			assertThat(json.body()).contains("\"error\":\"step_up_required\"")
				.contains("\"loginUrl\":\"/auth/login/test\"");
			// a browser is sent there, and back to the page afterwards
			HttpResponse<String> stepUp = browser.get(bed.apps().url(1) + "/sensitive");
			assertThat(Browser.location(stepUp))
				.isEqualTo(bed.apps().url(1) + "/auth/login/test?redirect=%2Fsensitive");
			String authorize = Browser.location(browser.get(Browser.location(stepUp)));
			assertThat(provider.authorizationParameters(authorize)).containsEntry("prompt", "login")
				.containsEntry("max_age", "1");
			// abandoned at the provider: the next login start still asks for it
			String again = Browser.location(browser.get(bed.apps().url(0) + "/auth/login/test"));
			assertThat(provider.authorizationParameters(again)).containsEntry("prompt", "login")
				.containsEntry("max_age", "1");
			// nor can a link ask for less: prompt=select_account keeps prompt=login
			String chooser = Browser
				.location(browser.get(bed.apps().url(0) + "/auth/login/test?prompt=select_account"));
			assertThat(provider.authorizationParameters(chooser)).containsEntry("prompt", "login")
				.containsEntry("max_age", "1");
			// the provider asks again (its session gone): through, and back
			browser.removeCookie("OP_SESSION");
			HttpResponse<String> page = browser.get(bed.apps().url(0) + "/sensitive");
			String callback = browser.authorize(Browser.location(page), "gina");
			HttpResponse<String> landed = browser.get(Browser.onInstance(callback, bed.apps().url(1)));
			assertThat(Browser.location(landed)).isEqualTo(bed.apps().url(1) + "/sensitive");
			assertThat(browser.get(bed.apps().url(0) + "/sensitive").body()).isEqualTo("sensitive gina");
			// answered: the next login start asks for nothing more
			String plain = Browser.location(browser.get(bed.apps().url(0) + "/auth/login/test"));
			assertThat(provider.authorizationParameters(plain)).doesNotContainKeys("prompt", "max_age");
		}
	}

	@Test
	void aSilentSignInAfterAStepUpDoesNotCountAsOne() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "hank", bed.apps().url(0));
			assertThat(browser.getJson(bed.apps().url(0) + "/api/sensitive").statusCode()).isEqualTo(401);
			browser.removeCookie("OP_SESSION");
			HttpResponse<String> page = browser.get(bed.apps().url(0) + "/sensitive");
			String callback = browser.authorize(Browser.location(page), "hank");
			browser.get(callback);
			assertThat(browser.get(bed.apps().url(1) + "/sensitive").body()).isEqualTo("sensitive hank");
			// someone at the unlocked browser signs in again: the provider's session
			// answers without asking anything, and the proof is gone with it
			HttpResponse<String> silent = browser
				.followRedirects(browser.get(bed.apps().url(1) + "/auth/login/test?redirect=%2Fhello"));
			assertThat(silent.body()).isEqualTo("hello hank");
			HttpResponse<String> json = browser.getJson(bed.apps().url(1) + "/api/sensitive");
			assertThat(json.statusCode()).isEqualTo(401);
			assertThat(json.body()).contains("\"error\":\"step_up_required\"");
		}
	}

}
