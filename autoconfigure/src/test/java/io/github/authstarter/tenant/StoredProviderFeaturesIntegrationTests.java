package io.github.authstarter.tenant;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a provider defined in the store does beside signing in, as one of
 * {@code auth.providers.*} does: a token for an API of its own, exchanged once and shared
 * by every instance, and front-channel logout from the provider's iframe.
 */
class StoredProviderFeaturesIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.frontChannelLogoutSupported(true)
		.registrationIds("test", "initech");

	static {
		// users of their own: other tests' sessions in the shared Redis are not theirs
		provider.addUser("frida", Map.of("name", "Frida Example"));
		provider.addUser("gus", Map.of("name", "Gus Example"));
	}

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = new HashMap<>(provider.appProperties());
		properties.put("auth.provider-store.type", "redis");
		// the test provider runs on this machine
		properties.put("auth.provider-store.allow-loopback", "true");
		return properties;
	});

	@BeforeAll
	static void saveTheProvider() {
		bed.apps()
			.context(0)
			.getBean(ProviderStore.class)
			.save(StoredProvider.of("initech", null,
					Map.of("issuer-uri", provider.issuer(), "client-id", provider.clientId(), "client-secret",
							provider.clientSecret(), "apis.reports.grant", "token-exchange", "apis.reports.audience",
							"reports-api", "apis.reports.base-url", "https://reports.example/api")));
	}

	@Test
	void anApiOfAStoredProviderGetsItsTokenOnceForEveryInstance() {
		try (Browser browser = new Browser()) {
			browser.loginAs(bed.apps().url(0) + "/auth/login/initech", "gus");
			int exchanges = provider.tokenExchanges();
			HttpResponse<String> first = browser.get(bed.apps().url(1) + "/api/apis/reports/token");
			assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
			assertThat(audience(first.body())).contains("reports-api");
			assertThat(browser.get(bed.apps().url(0) + "/api/apis/reports/token").body()).isEqualTo(first.body());
			assertThat(provider.tokenExchanges() - exchanges).as("token exchanges").isEqualTo(1);
		}
	}

	@Test
	void theProvidersIframeEndsAStoredProvidersSessionOnEveryInstance() {
		try (Browser user = new Browser(); Browser iframe = new Browser()) {
			user.login(bed.apps().url(0) + "/auth/login/initech", "frida", bed.apps().url(1));
			assertThat(user.getJson(bed.apps().url(0) + "/auth/user").body()).contains("\"provider\":\"initech\"");
			String sid = URLEncoder.encode(bed.sessions().user(user).idToken().getClaimAsString("sid"),
					StandardCharsets.UTF_8);
			String issuer = URLEncoder.encode(provider.issuer(), StandardCharsets.UTF_8);
			HttpResponse<String> answer = iframe.send("GET",
					bed.apps().url(1) + "/auth/frontchannel-logout/initech?iss=" + issuer + "&sid=" + sid,
					Map.of("Accept", "text/html", "Sec-Fetch-Dest", "iframe"), null);
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(user.getJson(bed.apps().url(0) + "/auth/user").statusCode()).isEqualTo(401);
			assertThat(user.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(401);
		}
	}

	private static String audience(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
	}

}
