package io.github.authstarter.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SessionAuthorizedClientRepository}.
 */
class SessionAuthorizedClientRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

	private final ClientRegistration corp = registration("corp");

	private final ClientRegistration other = registration("other");

	private final SessionUserStore store = new SessionUserStore();

	private final SessionAuthorizedClientRepository repository = new SessionAuthorizedClientRepository(this.store,
			new InMemoryClientRegistrationRepository(this.corp, this.other));

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	private final OAuth2AuthenticationToken signedIn = signedIn("corp");

	@Test
	void loadAuthorizedClientWhenRefreshTokenNotExposedThenNone() {
		this.store.write(this.request, record(this.signedIn, "access-1"));
		OAuth2AuthorizedClient client = this.repository.loadAuthorizedClient("corp", this.signedIn, this.request);
		assertThat(client.getAccessToken().getTokenValue()).isEqualTo("access-1");
		assertThat(client.getRefreshToken()).isNull();
	}

	@Test
	void loadAuthorizedClientWhenRefreshTokenExposedThenIncluded() {
		SessionAuthorizedClientRepository exposing = new SessionAuthorizedClientRepository(this.store,
				new InMemoryClientRegistrationRepository(this.corp, this.other), "corp"::equals);
		this.store.write(this.request, record(this.signedIn, "access-1"));
		OAuth2AuthorizedClient client = exposing.loadAuthorizedClient("corp", this.signedIn, this.request);
		assertThat(client.getRefreshToken().getTokenValue()).isEqualTo("refresh");
	}

	@Test
	void saveAuthorizedClientWhenItCarriesNoRefreshTokenThenTheStoredOneIsKept() {
		this.store.write(this.request, record(this.signedIn, "access-1"));
		this.repository.saveAuthorizedClient(client(this.corp, "access-2"), null, this.request,
				new MockHttpServletResponse());
		assertThat(this.store.read(this.request).refreshToken().getTokenValue()).isEqualTo("refresh");
	}

	@Test
	void saveByTheSignedInUsersOwnAuthenticationIsNoNewSignIn() {
		// what Spring's own authorized-client manager saves after a refresh: the
		// authentication the request holds, rebuilt from the record
		SessionUser stored = record(this.signedIn, "access-1").withApiToken("graph", token("graph-1"), null)
			.withDpopKey("{\"kty\":\"EC\"}");
		this.store.write(this.request, stored);
		this.repository.saveAuthorizedClient(client(this.corp, "access-2"), stored.authentication(), this.request,
				new MockHttpServletResponse());
		SessionUser saved = this.store.read(this.request);
		assertThat(saved.accessToken().getTokenValue()).isEqualTo("access-2");
		assertThat(saved.authenticatedAt()).as("the sign-in's max lifetime runs on").isEqualTo(NOW);
		assertThat(saved.apiTokens()).containsKey("graph");
		assertThat(saved.dpopKey()).as("the tokens stay bound to the sign-in's key").isEqualTo("{\"kty\":\"EC\"}");
	}

	@Test
	void saveAuthorizedClientWhenSameProviderThenTokensReplaced() {
		this.store.write(this.request, record(this.signedIn, "access-1"));
		this.repository.saveAuthorizedClient(client(this.corp, "access-2"), null, this.request,
				new MockHttpServletResponse());
		assertThat(this.store.read(this.request).accessToken().getTokenValue()).isEqualTo("access-2");
	}

	@Test
	void saveAuthorizedClientWhenAnotherProvidersClientThenRefusedAndRecordUntouched() {
		this.store.write(this.request, record(this.signedIn, "access-1"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.repository.saveAuthorizedClient(client(this.other, "foreign"),
					new TestingAuthenticationToken("app", "n/a"), this.request, new MockHttpServletResponse()))
			.withMessageContaining("'other'")
			.withMessageContaining("'corp'");
		assertThat(this.store.read(this.request).accessToken().getTokenValue()).isEqualTo("access-1");
		assertThat(this.store.read(this.request).provider()).isEqualTo("corp");
	}

	@Test
	void saveAuthorizedClientWhenPrincipalSignedInElsewhereThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.repository.saveAuthorizedClient(client(this.other, "foreign"), this.signedIn,
					this.request, new MockHttpServletResponse()));
		assertThat(this.store.read(this.request)).isNull();
	}

	@Test
	void saveAuthorizedClientWhenNobodySignedInThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository
			.saveAuthorizedClient(client(this.corp, "access"), null, this.request, new MockHttpServletResponse()));
	}

	@Test
	void saveAuthorizedClientWhenLoginThenRecordWritten() {
		this.repository.saveAuthorizedClient(client(this.corp, "access-1"), this.signedIn, this.request,
				new MockHttpServletResponse());
		assertThat(this.store.read(this.request).provider()).isEqualTo("corp");
	}

	private static OAuth2AuthenticationToken signedIn(String provider) {
		DefaultOAuth2User user = new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")),
				Map.of("id", "42"), "id");
		return new OAuth2AuthenticationToken(user, user.getAuthorities(), provider);
	}

	private static SessionUser record(OAuth2AuthenticationToken authentication, String accessToken) {
		return SessionUser.of(authentication, "id", token(accessToken), new OAuth2RefreshToken("refresh", NOW), NOW);
	}

	private static OAuth2AuthorizedClient client(ClientRegistration registration, String accessToken) {
		return new OAuth2AuthorizedClient(registration, "42", token(accessToken));
	}

	private static OAuth2AccessToken token(String value) {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, NOW, NOW.plusSeconds(300),
				Set.of("read"));
	}

	private static ClientRegistration registration(String id) {
		return ClientRegistration.withRegistrationId(id)
			.clientId("client")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.authorizationUri("https://" + id + ".example.com/authorize")
			.tokenUri("https://" + id + ".example.com/token")
			.userNameAttributeName("id")
			.build();
	}

}
