package io.github.authstarter.logout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.IssuerDiscovery;
import io.github.authstarter.provider.ProviderDefinition;
import io.github.authstarter.provider.ProviderEndpoints;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.provider.ResponseMode;
import io.github.authstarter.redis.AuthRedisKeys;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProviderLogoutHandler}'s provider quirks.
 */
class ProviderLogoutHandlerTests {

	private final SessionUserStore store = new SessionUserStore();

	@Test
	void logoutWhenAuth0StyleThenLegacyEndpointWithReturnTo() throws Exception {
		String url = logoutUrl(LogoutStyle.AUTH0,
				ProviderEndpoints.builder()
					.issuer("https://acme.eu.auth0.com/")
					.authorization("https://acme.eu.auth0.com/authorize")
					.token("https://acme.eu.auth0.com/oauth/token")
					.build());
		assertThat(url).isEqualTo(
				"https://acme.eu.auth0.com/v2/logout?client_id=the-client" + "&returnTo=https://app.example.com/");
	}

	@Test
	void logoutWhenCognitoStyleThenLogoutUri() throws Exception {
		String url = logoutUrl(LogoutStyle.COGNITO,
				ProviderEndpoints.builder()
					.authorization("https://id.example.com/oauth2/authorize")
					.token("https://id.example.com/oauth2/token")
					.endSession("https://id.example.com/logout")
					.build());
		assertThat(url)
			.isEqualTo("https://id.example.com/logout?client_id=the-client" + "&logout_uri=https://app.example.com/");
	}

	@Test
	void logoutWhenProviderHasNoEndSessionEndpointThenLocal() throws Exception {
		String url = logoutUrl(null,
				ProviderEndpoints.builder()
					.authorization("https://id.example.com/authorize")
					.token("https://id.example.com/token")
					.build());
		assertThat(url).isEqualTo("/");
	}

	private String logoutUrl(LogoutStyle style, ProviderEndpoints endpoints) throws Exception {
		ProviderDefinition definition = new ProviderDefinition("corp", "Corp", null, "the-client", "secret", null,
				endpoints, null, true, Set.of("read"), "id", "{baseUrl}/login/oauth2/code/{registrationId}", Map.of(),
				true, ResponseMode.QUERY, null);
		ProviderRegistrations registrations = new DiscoveringClientRegistrationRepository(List.of(definition),
				new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1))), Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC());
		LogoutSettings settings = new LogoutSettings("/auth/logout", "/auth/logged-out", "/",
				(style != null) ? Map.of("corp", style) : Map.of(), Map.of());
		// no end-session endpoint here: no state is written
		EndSessionRedirects redirects = new EndSessionRedirects(settings,
				new LogoutStates(new StringRedisTemplate(), new AuthRedisKeys("auth:")));
		ProviderLogoutHandler logout = new ProviderLogoutHandler(this.store, registrations,
				new TokenRevoker(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)), ClientCredentials.NONE),
				redirects, null, null, (event) -> {
				}, AuthObservations.NOOP);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/logout");
		request.setScheme("https");
		request.setServerName("app.example.com");
		request.setServerPort(443);
		DefaultOAuth2User user = new DefaultOAuth2User(List.of(), Map.of("id", 7), "id");
		this.store.write(request,
				SessionUser.of(new OAuth2AuthenticationToken(user, List.of(), "corp"), "id",
						new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "a", Instant.now(),
								Instant.now().plusSeconds(60)),
						null, Instant.now()));
		MockHttpServletResponse response = new MockHttpServletResponse();
		logout.logout(request, response, null);
		logout.onLogoutSuccess(request, response, null);
		return response.getRedirectedUrl();
	}

}
