package io.github.authstarter.provider;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.test.server.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real provider that rotates its keys, answers slowly and goes away, under two
 * instances.
 */
class ProviderFaultIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).properties(ProviderFaultIntegrationTests::appProperties);

	private static Map<String, Object> appProperties() {
		Map<String, Object> properties = provider.appProperties();
		properties.put("auth.http.read-timeout", "1s");
		return properties;
	}

	@Test
	void theJwksIsFetchedOnceAndAgainOnlyForAKeyItHasNotSeen() {
		// each instance keeps its own keys
		login("alice", 0).close();
		login("alice", 1).close();
		int fetches = provider.jwksRequests();
		login("bob", 1).close();
		login("alice", 0).close();
		login("bob", 0).close();
		assertThat(provider.jwksRequests()).as("logins with known keys fetch nothing").isEqualTo(fetches);
		provider.rotateSigningKey();
		try (Browser browser = login("alice", 0)) {
			assertThat(browser.postWithCsrf(bed.apps().url(0) + "/auth/refresh", true).statusCode()).isEqualTo(200);
		}
		assertThat(provider.jwksRequests()).as("one fetch for the new key, on the instance that met it")
			.isEqualTo(fetches + 1);
		login("bob", 0).close();
		assertThat(provider.jwksRequests()).as("the new key is known now").isEqualTo(fetches + 1);
	}

	@Test
	void aSlowTokenEndpointEndsTheLoginWithA503WithinTheTimeout() {
		try (Browser browser = new Browser()) {
			String callback = browser.authorize(bed.apps().url(0) + "/auth/login/test", "alice");
			provider.delayTokenEndpoint(Duration.ofSeconds(4));
			long started = System.nanoTime();
			HttpResponse<String> answer;
			try {
				answer = browser.getJson(callback);
			}
			finally {
				provider.delayTokenEndpoint(Duration.ZERO);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
			assertThat(answer.statusCode()).isEqualTo(503);
			assertThat(answer.body()).contains("provider_unavailable").contains("'test'");
			assertThat(browser.cookie("SESSION")).isNull();
		}
	}

	@Test
	void aProviderDownDuringARefreshLeavesTheValidTokensInUse() {
		try (Browser browser = login("alice", 0)) {
			String token = browser.get(bed.apps().url(1) + "/api/token").body();
			provider.stop();
			try {
				HttpResponse<String> refresh = browser.postWithCsrf(bed.apps().url(1) + "/auth/refresh", true);
				assertThat(refresh.statusCode()).isEqualTo(503);
				assertThat(refresh.body()).contains("provider_unavailable");
				assertThat(browser.get(bed.apps().url(0) + "/api/token").body()).isEqualTo(token);
				assertThat(browser.getJson(bed.apps().url(1) + "/auth/user").statusCode()).isEqualTo(200);
			}
			finally {
				provider.start();
			}
			assertThat(browser.postWithCsrf(bed.apps().url(0) + "/auth/refresh", true).statusCode()).isEqualTo(200);
		}
	}

	private static Browser login(String user, int instance) {
		Browser browser = new Browser();
		HttpResponse<String> callback = browser.login(bed.apps().url(instance) + "/auth/login/test", user,
				bed.apps().url(instance));
		assertThat(Browser.location(callback)).isEqualTo(bed.apps().url(instance) + "/");
		return browser;
	}

}
