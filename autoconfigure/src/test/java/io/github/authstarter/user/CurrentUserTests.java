package io.github.authstarter.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.github.authstarter.access.RequestedAuthentication;
import io.github.authstarter.access.UserAccessFixtures;
import io.github.authstarter.flow.Reauthentication;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.ApiTokenClient;
import io.github.authstarter.token.ProviderApis;
import io.github.authstarter.token.RefreshSettings;
import io.github.authstarter.token.RefreshTokenGrant;
import io.github.authstarter.token.SessionRecordFlight;
import io.github.authstarter.token.SessionRefreshLock;
import io.github.authstarter.token.SingleFlightTokenRefresher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CurrentUser} and {@link UserTokens}, on a request whose session holds
 * a record (the refresher is never reached: the token is far from expiry).
 */
class CurrentUserTests {

	private final SessionUserStore store = new SessionUserStore();

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	@AfterEach
	void clear() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void identityWhenSignedInThenFromTheSessionRecord() {
		CurrentUser user = signedIn(new TokenExposure(Map.of()));
		assertThat(user.isAuthenticated()).isTrue();
		assertThat(user.provider()).isEqualTo("corp");
		assertThat(user.subject()).isEqualTo("alice");
		assertThat(user.name()).isEqualTo("Alice");
		assertThat(user.email()).isEqualTo("alice@example.com");
		assertThat(user.claim("groups")).isEqualTo(List.of("admins"));
		assertThat(user.claims()).containsKey("iss");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> user.claims().put("x", "y"));
	}

	@Test
	void tokensWhenFreshThenWithoutRefreshAndRefreshTokenOnlyWhenExposed() {
		UserTokens tokens = signedIn(new TokenExposure(Map.of())).tokens();
		assertThat(tokens.accessToken()).isEqualTo("access-1");
		assertThat(tokens.idToken()).isEqualTo("id-1");
		assertThat(tokens.scopes()).containsExactly("openid");
		assertThatIllegalStateException().isThrownBy(tokens::refreshToken)
			.withMessageContaining("auth.providers.corp.expose-tokens")
			.withMessageNotContaining("refresh-1");
		assertThat(tokens.toString()).doesNotContain("access-1").doesNotContain("refresh-1");
		UserTokens exposed = signedIn(new TokenExposure(Map.of("corp", Set.of(TokenKind.REFRESH)))).tokens();
		assertThat(exposed.refreshToken()).isEqualTo("refresh-1");
	}

	@Test
	void identityWhenAnonymousThenNotAuthenticated() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(this.request));
		CurrentUser user = bare();
		assertThat(user.isAuthenticated()).isFalse();
		assertThatExceptionOfType(NotAuthenticatedException.class).isThrownBy(user::name);
		assertThat(this.request.getSession(false)).as("reading creates no session").isNull();
	}

	@Test
	void identityWhenOutsideARequestThenNotAuthenticated() {
		CurrentUser user = bare();
		assertThat(user.isAuthenticated()).isFalse();
		assertThatExceptionOfType(NotAuthenticatedException.class).isThrownBy(user::provider);
	}

	@Test
	void requireRecentLoginWhenOnlyAPlainSignInThenStepUpRequired() {
		// a plain sign-in, even one a second old, proves nothing: single sign-on may
		// have completed it without the user
		CurrentUser user = signedIn(new TokenExposure(Map.of()));
		assertThatExceptionOfType(StepUpRequiredException.class)
			.isThrownBy(() -> user.requireRecentLogin(Duration.ofMinutes(5)));
		assertThatExceptionOfType(StepUpRequiredException.class).isThrownBy(() -> user.requireAcr("gold"));
	}

	@Test
	void requireRecentLoginWhenALoginProvedItThenPasses() {
		CurrentUser user = signedIn(new TokenExposure(Map.of()));
		this.request.getSession()
			.setAttribute(Reauthentication.SESSION_ATTRIBUTE, "corp " + Instant.now().getEpochSecond() + " gold alice");
		user.requireRecentLogin(Duration.ofMinutes(5));
		user.requireAcr("gold");
		this.request.getSession()
			.setAttribute(Reauthentication.SESSION_ATTRIBUTE,
					"corp " + Instant.now().minus(Duration.ofHours(1)).getEpochSecond() + " - alice");
		assertThatExceptionOfType(StepUpRequiredException.class)
			.isThrownBy(() -> user.requireRecentLogin(Duration.ofMinutes(5)));
		assertThatExceptionOfType(StepUpRequiredException.class).isThrownBy(() -> user.requireAcr("gold"));
	}

	@Test
	void requireRecentLoginWhenAnotherProvidersProofThenStepUpRequired() {
		CurrentUser user = signedIn(new TokenExposure(Map.of()));
		this.request.getSession()
			.setAttribute(Reauthentication.SESSION_ATTRIBUTE,
					"other " + Instant.now().getEpochSecond() + " gold alice");
		assertThatExceptionOfType(StepUpRequiredException.class)
			.isThrownBy(() -> user.requireRecentLogin(Duration.ofMinutes(5)));
	}

	@Test
	void requireRecentLoginWhenTheProviderCannotProveItThenUnsupported() {
		CurrentUser user = signedIn(new TokenExposure(Map.of()), (provider) -> false);
		assertThatExceptionOfType(StepUpUnsupportedException.class)
			.isThrownBy(() -> user.requireRecentLogin(Duration.ofMinutes(5)));
		assertThatExceptionOfType(StepUpUnsupportedException.class).isThrownBy(() -> user.requireAcr("gold"));
	}

	private CurrentUser signedIn(TokenExposure exposure) {
		return signedIn(exposure, (provider) -> true);
	}

	private CurrentUser signedIn(TokenExposure exposure, Predicate<String> provesReauthentication) {
		Instant now = Instant.now();
		OidcIdToken idToken = OidcIdToken.withTokenValue("id-1")
			.issuer("https://idp.example.com")
			.subject("alice")
			.audience(List.of("client"))
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofHours(1)))
			.claim("name", "Alice")
			.claim("email", "alice@example.com")
			.claim("groups", List.of("admins"))
			.build();
		DefaultOidcUser principal = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), idToken,
				"sub");
		OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-1", now,
				now.plus(Duration.ofHours(1)), Set.of("openid"));
		this.store.write(this.request,
				SessionUser.of(new OAuth2AuthenticationToken(principal, principal.getAuthorities(), "corp"), "sub",
						access, new OAuth2RefreshToken("refresh-1", now), now));
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(this.request));
		RefreshSettings settings = new RefreshSettings(Duration.ofSeconds(60), Duration.ofSeconds(1),
				Duration.ofSeconds(1), "auth:", false);
		Clock clock = Clock.systemUTC();
		ProviderHttpClients http = ProviderHttpClients.withTimeout(Duration.ofSeconds(1));
		SingleFlightTokenRefresher refresher = new SingleFlightTokenRefresher(
				new SessionRecordFlight(new SessionRefreshLock(null, settings), null, this.store,
						settings.waitTimeout(), clock),
				new RefreshTokenGrant(null, null, http, ClientCredentials.NONE, UserAccessFixtures.defaults(), clock),
				new ApiTokenClient(null, http, ClientCredentials.NONE, clock), settings, (event) -> {
				}, AuthObservations.NOOP, clock);
		return new CurrentUser(this.store, refresher, exposure, null, new ProviderApis(List.of()), http,
				Duration.ofSeconds(30), new RequestedAuthentication(clock, Duration.ofSeconds(5)),
				provesReauthentication);
	}

	private CurrentUser bare() {
		return new CurrentUser(this.store, null, new TokenExposure(Map.of()), null, new ProviderApis(List.of()),
				ProviderHttpClients.withTimeout(Duration.ofSeconds(1)), Duration.ofSeconds(30),
				new RequestedAuthentication(Clock.systemUTC(), Duration.ofSeconds(5)), (provider) -> true);
	}

}
