package io.github.authstarter.token;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's own OAuth2 client tools on the starter, two instances, a real
 * provider rotating refresh tokens: {@code OAuth2ClientHttpRequestInterceptor} on a
 * {@code RestClient} and {@code @RegisteredOAuth2AuthorizedClient} get the user's tokens
 * from the session record, and after expiry 50 concurrent requests through the
 * interceptor cause exactly one refresh grant and all succeed.
 */
class SpringAuthorizedClientIntegrationTests {

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(30);

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.accessTokenTimeToLive(TOKEN_LIFETIME);

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(() -> {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.refresh.skew", "500ms");
		return properties;
	});

	@Test
	void theStartersManagerIsTheOneSpringUses() {
		assertThat(bed.apps().context(0).getBean(OAuth2AuthorizedClientManager.class))
			.isInstanceOf(SingleFlightAuthorizedClientManager.class);
	}

	@Test
	void springsAuthorizedClientsCarryNoRefreshTokenUnlessExposed() {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			HttpResponse<String> tokens = browser.get(bed.apps().url(1) + "/api/authorized-client-tokens");
			assertThat(tokens.statusCode()).isEqualTo(200);
			assertThat(tokens.body()).isEqualTo("manager refresh token: false, repository refresh token: false");
			// the starter still holds it and refreshes with it
			assertThat(browser.postWithCsrf(bed.apps().url(0) + "/auth/refresh", true).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void springsInterceptorAndParameterGetTheUsersTokensAndRefreshSingleFlight() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			HttpResponse<String> userInfo = browser.get(bed.apps().url(1) + "/api/userinfo-spring");
			assertThat(userInfo.statusCode()).isEqualTo(200);
			assertThat(userInfo.body()).contains("\"sub\":\"alice\"");
			String token = browser.get(bed.apps().url(0) + "/api/token").body();
			assertThat(browser.get(bed.apps().url(0) + "/api/registered-client").body()).isEqualTo(token);
			bed.clock().advance(TOKEN_LIFETIME.plusMillis(500));
			int grants = provider.refreshGrants();
			int accepted = provider.acceptedRefreshGrants();
			ExecutorService pool = Executors.newFixedThreadPool(16);
			try {
				List<Future<HttpResponse<String>>> answers = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					String url = bed.apps().url(i % 2) + "/api/userinfo-spring";
					answers.add(pool.submit(() -> browser.get(url)));
				}
				for (Future<HttpResponse<String>> answer : answers) {
					assertThat(answer.get().statusCode()).isEqualTo(200);
					assertThat(answer.get().body()).contains("\"sub\":\"alice\"");
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(provider.refreshGrants())
				.as("refresh grants for 50 concurrent requests through Spring's interceptor")
				.isEqualTo(grants + 1);
			assertThat(provider.acceptedRefreshGrants()).as("grants issued").isEqualTo(accepted + 1);
			String refreshed = browser.get(bed.apps().url(1) + "/api/registered-client").body();
			assertThat(refreshed).isNotEqualTo(token);
		}
	}

	@Test
	void signedOutSpringsToolsGetNoToken() {
		// asked directly, as application code outside a protected path would: the
		// security filter's 401 never stands in for the manager's own answer
		OAuth2AuthorizedClientManager manager = bed.apps().context(0).getBean(OAuth2AuthorizedClientManager.class);
		OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId("test")
			.principal("anonymousUser")
			.attribute(HttpServletRequest.class.getName(), new MockHttpServletRequest())
			.build();
		assertThat(manager.authorize(request)).isNull();
		try (Browser nobody = new Browser()) {
			assertThat(nobody.getJson(bed.apps().url(0) + "/api/userinfo-spring").statusCode()).isEqualTo(401);
		}
	}

}
