package io.github.authstarter.token;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.authstarter.test.server.Browser;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.testbed.AuthTestBed;
import io.github.authstarter.testbed.ConcurrentRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh-token rotation with reuse detection, as Keycloak and Okta do it: a refresh
 * token presented a second time revokes its whole family. Against such a provider, on two
 * instances, bursts of requests on an expired token never present a refresh token twice;
 * and the provider's detection itself is proven with a reuse made on purpose.
 */
class RefreshTokenReuseIntegrationTests {

	private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(30);

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create()
		.accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
		.reuseRefreshTokens(false)
		.detectRefreshTokenReuse(true);

	@RegisterExtension
	static final AuthTestBed bed = AuthTestBed.with(provider).instances(2).properties(provider::appProperties);

	@Test
	void burstsOnAnExpiredTokenAcrossTwoInstancesNeverPresentARefreshTokenTwice() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "alice", bed.apps().url(1));
			String session = browser.cookie("SESSION");
			int reuses = provider.refreshTokenReuses();
			for (int round = 0; round < 3; round++) {
				bed.clock().advance(ACCESS_TOKEN_LIFETIME.plusMillis(500));
				int grants = provider.refreshGrants();
				Set<String> tokens = new HashSet<>();
				for (HttpResponse<String> response : ConcurrentRequests.get(30, session,
						bed.apps().url(0) + "/api/token", bed.apps().url(1) + "/api/token")) {
					assertThat(response.statusCode()).as("round %d: %s", round, response.body()).isEqualTo(200);
					tokens.add(response.body());
				}
				assertThat(provider.refreshGrants() - grants).as("round %d: one grant", round).isEqualTo(1);
				assertThat(tokens).as("round %d: one token for all", round).hasSize(1);
			}
			assertThat(provider.refreshTokenReuses()).as("refresh tokens presented twice").isEqualTo(reuses);
			assertThat(provider.revokedFamilies()).isZero();
		}
	}

	@Test
	void theProviderRevokesTheFamilyOfARefreshTokenPresentedTwice() throws Exception {
		try (Browser browser = new Browser()) {
			browser.login(bed.apps().url(0) + "/auth/login/test", "bob", bed.apps().url(0));
			String refreshToken = bed.sessions().user(browser).refreshToken().getTokenValue();
			int reuses = provider.refreshTokenReuses();
			int families = provider.revokedFamilies();
			HttpResponse<String> first = provider.refreshGrant(refreshToken);
			assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
			Map<String, Object> rotated = JSONObjectUtils.parse(first.body());
			HttpResponse<String> again = provider.refreshGrant(refreshToken);
			assertThat(again.statusCode()).isEqualTo(400);
			assertThat(again.body()).contains("invalid_grant");
			assertThat(provider.refreshTokenReuses()).isEqualTo(reuses + 1);
			assertThat(provider.revokedFamilies()).isEqualTo(families + 1);
			// the family is gone: the token the first grant answered is refused too
			assertThat(provider.refreshGrant((String) rotated.get("refresh_token")).statusCode()).isEqualTo(400);
		}
	}

}
