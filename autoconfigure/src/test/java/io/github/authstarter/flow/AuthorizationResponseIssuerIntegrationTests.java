package io.github.authstarter.flow;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code iss} of the authorization response (RFC 9207) of a multi-tenant provider,
 * whose issuer names the user's tenant: Microsoft's preset for {@code common}, its
 * endpoints served by a real provider whose id tokens are those of a work account.
 */
class AuthorizationResponseIssuerIntegrationTests {

	private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	private static final String OTHER_TENANT = "00000000-0000-0000-0000-000000000001";

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create().registrationIds("test", "microsoft");

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider)
		.instances(1)
		.properties(AuthorizationResponseIssuerIntegrationTests::appProperties);

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		String issuer = provider.issuer();
		String prefix = "auth.providers.microsoft.";
		properties.put(prefix + "client-id", provider.clientId());
		properties.put(prefix + "client-secret", provider.clientSecret());
		properties.put(prefix + "tenant", "common");
		properties.put(prefix + "allowed-tenants", TENANT);
		properties.put(prefix + "authorization-uri", issuer + "/oauth2/authorize");
		properties.put(prefix + "token-uri", issuer + "/oauth2/token");
		properties.put(prefix + "jwk-set-uri", issuer + "/oauth2/jwks");
		properties.put(prefix + "user-info-uri", issuer + "/userinfo");
		properties.put(prefix + "scopes", "openid,profile,email");
		return properties;
	}

	@Test
	void responseIssuerOfTheIdTokensTenantIsAccepted() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> answer = browser.get(callback(browser, tenantIssuer(TENANT)));
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
			assertThat(browser.getJson(bed.apps().url(0) + "/auth/user").body()).contains("\"provider\":\"microsoft\"");
		}
		finally {
			provider.forgeIdTokens(null);
		}
	}

	@Test
	void responseIssuerOfAnotherTenantIsRefused() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> answer = browser.getJson(callback(browser, tenantIssuer(OTHER_TENANT)));
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
			assertThat(answer.body()).contains("\"error\":\"invalid_id_token\"");
			assertThat(browser.cookie("SESSION")).isNull();
		}
		finally {
			provider.forgeIdTokens(null);
		}
	}

	@Test
	void responseIssuerOfAnotherProviderIsRefused() {
		try (Browser browser = new Browser()) {
			HttpResponse<String> answer = browser.getJson(callback(browser, "https://evil.example"));
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
			assertThat(answer.body()).contains("\"error\":\"iss_mismatch\"");
			assertThat(browser.cookie("SESSION")).isNull();
		}
		finally {
			provider.forgeIdTokens(null);
		}
	}

	/**
	 * Signs in at the provider and returns its callback with the given {@code iss}; the
	 * code exchange that follows answers with a work account's id token.
	 */
	private static String callback(Browser browser, String responseIssuer) {
		String callback = browser.authorize(bed.apps().url(0) + "/auth/login/microsoft", "alice");
		provider.forgeIdTokens(AuthorizationResponseIssuerIntegrationTests::workAccount);
		return callback + "&iss=" + URLEncoder.encode(responseIssuer, StandardCharsets.UTF_8);
	}

	/** The id token of an account of {@link #TENANT}: issued by that tenant's issuer. */
	private static String workAccount(Map<String, Object> issued) {
		Map<String, Object> claims = new HashMap<>(issued);
		claims.put("iss", tenantIssuer(TENANT));
		claims.put("tid", TENANT);
		// a multi-tenant app trusts an address only when the domain owner verified it
		claims.put("xms_edov", true);
		return provider.signIdToken(claims);
	}

	private static String tenantIssuer(String tenant) {
		return "https://login.microsoftonline.com/" + tenant + "/v2.0";
	}

}
