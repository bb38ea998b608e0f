package io.github.authstarter.flow;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushed authorization requests (RFC 9126) against a real provider that advertises a PAR
 * endpoint, on two instances: with {@code par: auto} the browser carries only
 * {@code client_id} and {@code request_uri}, the login started on one instance completes
 * on the other, and a provider that requires PAR accepts it; with {@code par: required}
 * and a provider that offers no PAR endpoint, the login does not start and says why.
 */
class PushedAuthorizationIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.providers.test.par", "auto");
		// the same provider known by its endpoints only: no metadata, so no PAR endpoint
		String other = "auth.providers.other.";
		properties.put(other + "client-id", provider.clientId());
		properties.put(other + "client-secret", provider.clientSecret());
		properties.put(other + "issuer", provider.issuer());
		properties.put(other + "authorization-uri", provider.issuer() + "/oauth2/authorize");
		properties.put(other + "token-uri", provider.issuer() + "/oauth2/token");
		properties.put(other + "jwk-set-uri", provider.issuer() + "/oauth2/jwks");
		properties.put(other + "par", "required");
		return properties;
	});

	@Test
	void theBrowserCarriesOnlyTheRequestUriAndTheLoginCompletesOnAnotherInstance() {
		try (Browser browser = new Browser()) {
			int pushed = provider.parRequests();
			HttpResponse<String> start = browser.get(bed.apps().url(0) + "/auth/login/test?redirect=/api/name");
			assertThat(start.statusCode()).isEqualTo(302);
			Map<String, String> query = Browser.queryParameters(Browser.location(start));
			assertThat(query).containsOnlyKeys("client_id", "request_uri");
			assertThat(query.get("request_uri")).startsWith("urn:ietf:params:oauth:request_uri:");
			assertThat(provider.parRequests()).isEqualTo(pushed + 1);
			browser.clearCookies();
		}
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(bed.apps().url(0) + "/auth/login/test", "alice",
					bed.apps().url(1));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(browser.get(bed.apps().url(1) + "/api/name").body()).isEqualTo("Alice Example");
			List<String> brought = provider.authorizationRequests();
			assertThat(brought.get(brought.size() - 1)).doesNotContain("state=").doesNotContain("redirect_uri");
		}
	}

	@Test
	void aProviderThatRequiresParAcceptsThePushedRequest() {
		provider.requirePar(true);
		try (Browser browser = new Browser()) {
			HttpResponse<String> callback = browser.login(bed.apps().url(1) + "/auth/login/test", "bob",
					bed.apps().url(0));
			assertThat(Browser.location(callback)).doesNotContain("error");
			assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").body()).contains("\"subject\":\"bob\"");
		}
		finally {
			provider.requirePar(false);
		}
	}

	@Test
	void requiredWithoutAParEndpointDoesNotStartAndSaysWhy() {
		try (Browser browser = new Browser()) {
			int pushed = provider.parRequests();
			HttpResponse<String> start = browser.getJson(bed.apps().url(0) + "/auth/login/other");
			assertThat(start.statusCode()).isEqualTo(502);
			assertThat(start.body()).contains("\"error\":\"par_failed\"");
			assertThat(browser.get(bed.apps().url(0) + "/auth/login/other").statusCode()).isEqualTo(502);
			assertThat(provider.parRequests()).isEqualTo(pushed);
		}
	}

}
