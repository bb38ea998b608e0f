package io.github.authstarter.logout;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
import io.github.authstarter.test.server.FreePorts;
import io.github.authstarter.test.server.TestRedis;
import io.github.authstarter.token.RefreshSettings;
import io.github.authstarter.token.SessionRefreshLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * A logout (or the end of one of a user's sessions) that Redis refuses half-way leaves
 * the session signed in, so it must leave the session in the index too: a back-channel
 * logout for the user must still find it. On a real Redis for the index; what fails is
 * made to fail (the logout's own state goes to a Redis that is down, or the session store
 * throws).
 */
class ProviderLogoutIndexIntegrationTests {

	private static final String PREFIX = "logout-index-" + UUID.randomUUID() + ":";

	private static LettuceConnectionFactory up;

	private static LettuceConnectionFactory down;

	private final SessionUserStore store = new SessionUserStore();

	@BeforeAll
	static void start() {
		URI address = URI.create(TestRedis.get().url());
		up = connections(address.getHost(), address.getPort());
		// nothing listens there
		down = connections("127.0.0.1", FreePorts.find());
	}

	private static LettuceConnectionFactory connections(String host, int port) {
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(host, port));
		connections.afterPropertiesSet();
		connections.start();
		return connections;
	}

	@AfterAll
	static void stop() {
		up.destroy();
		down.destroy();
	}

	@Test
	void aLogoutRedisRefusedLeavesTheSessionWhereABackChannelLogoutFindsIt() {
		SessionIndex index = new SessionIndex(new StringRedisTemplate(up), PREFIX);
		MockHttpServletRequest request = signedIn();
		String sessionId = request.getSession().getId();
		MapSessionRepository sessions = stored(request);
		index.add("corp", null, "7", sessionId, Duration.ofMinutes(5));
		ProviderLogoutHandler logout = new ProviderLogoutHandler(this.store, registrations(true),
				new TokenRevoker(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)), ClientCredentials.NONE),
				new EndSessionRedirects(new LogoutSettings("/auth/logout", "/auth/logged-out", "/", Map.of(), Map.of()),
						new LogoutStates(new StringRedisTemplate(down), new AuthRedisKeys(PREFIX))),
				records(sessions), index, (event) -> {
				}, AuthObservations.NOOP);
		assertThatRuntimeException().isThrownBy(() -> logout.logout(request, new MockHttpServletResponse(), null));
		assertThat(sessions.findById(sessionId)).as("still signed in").isNotNull();
		assertThat(index.sessions("corp", "sub", "7")).as("the session the refused logout left signed in")
			.containsExactly(sessionId);
	}

	@Test
	void aLogoutWhoseIndexCleanUpFailsAfterTheSessionEndedStillSucceeds() throws Exception {
		MockHttpServletRequest request = signedIn();
		MapSessionRepository sessions = stored(request);
		ProviderLogoutHandler logout = new ProviderLogoutHandler(this.store, registrations(false),
				new TokenRevoker(ProviderHttpClients.withTimeout(Duration.ofSeconds(1)), ClientCredentials.NONE),
				new EndSessionRedirects(new LogoutSettings("/auth/logout", "/auth/logged-out", "/", Map.of(), Map.of()),
						new LogoutStates(new StringRedisTemplate(up), new AuthRedisKeys(PREFIX))),
				records(sessions), new SessionIndex(new StringRedisTemplate(down), PREFIX), (event) -> {
				}, AuthObservations.NOOP);
		MockHttpServletResponse response = new MockHttpServletResponse();
		logout.logout(request, response, null);
		logout.onLogoutSuccess(request, response, null);
		assertThat(sessions.findById(request.getSession().getId())).isNull();
		assertThat(response.getRedirectedUrl()).as("the stale id costs no 503").isEqualTo("/");
	}

	@Test
	void endingASessionRedisRefusedLeavesItWhereABackChannelLogoutFindsIt() {
		SessionIndex index = new SessionIndex(new StringRedisTemplate(up), PREFIX);
		MapSession other = new MapSession();
		MapSessionRepository sessions = new MapSessionRepository(new ConcurrentHashMap<>()) {

			@Override
			public void deleteById(String id) {
				throw new RedisConnectionFailureException("the session store went away");
			}

		};
		sessions.save(other);
		index.add("corp", null, "8", other.getId(), Duration.ofMinutes(5));
		UserSessions users = new UserSessions(index, sessions);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/sessions/end");
		assertThatRuntimeException()
			.isThrownBy(() -> users.end(request, "corp", "8", UserSessions.handle(other.getId())));
		assertThat(index.sessions("corp", "sub", "8")).as("the session the refused end left signed in")
			.containsExactly(other.getId());
	}

	@Test
	void signingOutEverywhereThatRedisRefusedLeavesTheCurrentSessionWhereABackChannelLogoutFindsIt() {
		SessionIndex index = new SessionIndex(new StringRedisTemplate(up), PREFIX);
		MockHttpSession current = new MockHttpSession() {

			@Override
			public void invalidate() {
				throw new RedisConnectionFailureException("the session store went away");
			}

		};
		index.add("corp", null, "9", current.getId(), Duration.ofMinutes(5));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/sessions/end-all");
		request.setSession(current);
		UserSessions users = new UserSessions(index, new MapSessionRepository(new ConcurrentHashMap<>()));
		assertThatRuntimeException().isThrownBy(() -> users.endAll(request, "corp", "9"));
		assertThat(index.sessions("corp", "sub", "9")).as("the session the refused sign-out left signed in")
			.containsExactly(current.getId());
	}

	/** The request's session as the shared store holds it. */
	private MapSessionRepository stored(MockHttpServletRequest request) {
		MapSessionRepository sessions = new MapSessionRepository(new ConcurrentHashMap<>());
		MapSession session = new MapSession(request.getSession().getId());
		session.setAttribute(SessionUserStore.ATTRIBUTE, request.getSession().getAttribute(SessionUserStore.ATTRIBUTE));
		sessions.save(session);
		return sessions;
	}

	/**
	 * The newest record under the session's lock, on the real Redis, as the starter wires
	 * it.
	 */
	private static NewestSessionRecord records(MapSessionRepository sessions) {
		SessionRefreshLock lock = new SessionRefreshLock(new StringRedisTemplate(up), new RefreshSettings(
				Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(5), PREFIX, true));
		return new NewestSessionRecord(lock, sessions, new SessionUserStore(), Duration.ofSeconds(5));
	}

	/** User 7 of provider {@code corp}, signed in. */
	private MockHttpServletRequest signedIn() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/logout");
		DefaultOAuth2User user = new DefaultOAuth2User(List.of(), Map.of("id", 7), "id");
		this.store.write(request,
				SessionUser.of(new OAuth2AuthenticationToken(user, List.of(), "corp"), "id",
						new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "a", Instant.now(),
								Instant.now().plusSeconds(60)),
						null, Instant.now()));
		return request;
	}

	private static ProviderRegistrations registrations(boolean endSession) {
		ProviderEndpoints.Builder builder = ProviderEndpoints.builder()
			.authorization("https://id.example.com/authorize")
			.token("https://id.example.com/token");
		ProviderEndpoints endpoints = endSession ? builder.endSession("https://id.example.com/logout").build()
				: builder.build();
		ProviderDefinition definition = new ProviderDefinition("corp", "Corp", null, "the-client", "secret", null,
				endpoints, null, true, Set.of("read"), "id", "{baseUrl}/login/oauth2/code/{registrationId}", Map.of(),
				true, ResponseMode.QUERY, null);
		return new DiscoveringClientRegistrationRepository(List.of(definition),
				new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1))), Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC());
	}

}
