package io.github.authstarter.logout;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.authstarter.observation.AuthObservationContext;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.redis.AuthRedisKeys;
import io.github.authstarter.test.server.TestOpenIdProvider;
import io.github.authstarter.test.server.TestRedis;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The back-channel logout receiver against a real provider's keys and a real Redis, on
 * what the session store does: a logout that failed half-way (the store went away between
 * the replay check and the deletes) is retried by the provider with the same token, and
 * the retry ends the sessions, since a token counts as used only once its sessions are
 * gone; sessions the index still names but that ended before are not counted as ended.
 * Only the store's one failure is made up.
 */
class BackChannelLogoutFilterIntegrationTests {

	private static final TestOpenIdProvider provider = TestOpenIdProvider.create();

	private static final String PREFIX = "backchannel-retry-" + UUID.randomUUID() + ":";

	private static LettuceConnectionFactory connections;

	private static StringRedisTemplate redis;

	@BeforeAll
	static void start() {
		provider.start();
		URI address = URI.create(TestRedis.get().url());
		connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(address.getHost(), address.getPort()));
		connections.afterPropertiesSet();
		connections.start();
		redis = new StringRedisTemplate(connections);
	}

	@AfterAll
	static void stop() {
		connections.destroy();
		provider.stop();
	}

	@Test
	void aLogoutThatFailedHalfWayEndsTheSessionsWhenTheProviderRetriesTheSameToken() throws Exception {
		FailingOnce sessions = new FailingOnce();
		MapSession session = new MapSession();
		sessions.save(session);
		SessionIndex index = new SessionIndex(redis, PREFIX);
		index.add("test", null, "alice", session.getId(), Duration.ofMinutes(5));
		BackChannelLogoutFilter filter = filter(sessions, index);
		Map<String, Object> claims = provider.logoutTokenClaims();
		claims.put("sub", "alice");
		String token = provider.signLogoutToken(claims);
		assertThatExceptionOfType(RedisConnectionFailureException.class).isThrownBy(() -> post(filter, token));
		assertThat(sessions.findById(session.getId())).as("the failed delete left it").isNotNull();
		MockHttpServletResponse retry = post(filter, token);
		assertThat(retry.getStatus()).as(retry.getContentAsString()).isEqualTo(200);
		assertThat(sessions.findById(session.getId())).isNull();
		assertThat(post(filter, token).getStatus()).as("a third use, after it worked, is a replay").isEqualTo(400);
	}

	@Test
	void onlySessionsThatStillExistedAreCountedAsEnded() throws Exception {
		MapSessionRepository sessions = new MapSessionRepository(new ConcurrentHashMap<>());
		MapSession live = new MapSession();
		sessions.save(live);
		SessionIndex index = new SessionIndex(redis, PREFIX);
		index.add("test", null, "bob", live.getId(), Duration.ofMinutes(5));
		// ended by its own logout, which the index did not hear of
		index.add("test", null, "bob", new MapSession().getId(), Duration.ofMinutes(5));
		List<Integer> ended = new ArrayList<>();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<AuthObservationContext>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof AuthObservationContext;
			}

			@Override
			public void onStop(AuthObservationContext context) {
				ended.add(context.sessionsEnded());
			}

		});
		Map<String, Object> claims = provider.logoutTokenClaims();
		claims.put("sub", "bob");
		MockHttpServletResponse answer = post(filter(sessions, index, observations), provider.signLogoutToken(claims));
		assertThat(answer.getStatus()).isEqualTo(200);
		assertThat(sessions.findById(live.getId())).isNull();
		assertThat(ended).containsExactly(1);
		assertThat(index.sessions("test", "sub", "bob")).as("the stale id is removed with the live one").isEmpty();
	}

	@Test
	void aSessionTheStoreCannotReadIsEndedWithTheOthers() throws Exception {
		MapSession unreadable = new MapSession();
		MapSession other = new MapSession();
		Map<String, Session> stored = new ConcurrentHashMap<>();
		MapSessionRepository sessions = new MapSessionRepository(stored) {

			@Override
			public MapSession findById(String id) {
				if (id.equals(unreadable.getId())) {
					// written by an older release with another serializer
					throw new SerializationException("cannot deserialize");
				}
				return super.findById(id);
			}

		};
		sessions.save(unreadable);
		sessions.save(other);
		SessionIndex index = new SessionIndex(redis, PREFIX);
		index.add("test", null, "carol", unreadable.getId(), Duration.ofMinutes(5));
		index.add("test", null, "carol", other.getId(), Duration.ofMinutes(5));
		Map<String, Object> claims = provider.logoutTokenClaims();
		claims.put("sub", "carol");
		MockHttpServletResponse answer = post(filter(sessions, index), provider.signLogoutToken(claims));
		assertThat(answer.getStatus()).isEqualTo(200);
		assertThat(stored).isEmpty();
	}

	@Test
	void aSignInThatLandsDuringALogoutIsStillFoundByTheNextOne() throws Exception {
		SessionIndex index = new SessionIndex(redis, PREFIX);
		MapSession old = new MapSession();
		MapSession signedInMeanwhile = new MapSession();
		Map<String, Session> stored = new ConcurrentHashMap<>();
		MapSessionRepository sessions = new MapSessionRepository(stored) {

			@Override
			public void deleteById(String id) {
				super.deleteById(id);
				if (id.equals(old.getId())) {
					// the user signs in again on another instance while this logout runs
					save(signedInMeanwhile);
					index.add("test", null, "dave", signedInMeanwhile.getId(), Duration.ofMinutes(5));
				}
			}

		};
		sessions.save(old);
		index.add("test", null, "dave", old.getId(), Duration.ofMinutes(5));
		BackChannelLogoutFilter filter = filter(sessions, index);
		Map<String, Object> first = provider.logoutTokenClaims();
		first.put("sub", "dave");
		assertThat(post(filter, provider.signLogoutToken(first)).getStatus()).isEqualTo(200);
		assertThat(stored).containsOnlyKeys(signedInMeanwhile.getId());
		Map<String, Object> next = provider.logoutTokenClaims();
		next.put("sub", "dave");
		assertThat(post(filter, provider.signLogoutToken(next)).getStatus()).isEqualTo(200);
		assertThat(stored).as("the index still named the session that signed in meanwhile").isEmpty();
	}

	private static BackChannelLogoutFilter filter(MapSessionRepository sessions, SessionIndex index) {
		return filter(sessions, index, ObservationRegistry.NOOP);
	}

	private static BackChannelLogoutFilter filter(MapSessionRepository sessions, SessionIndex index,
			ObservationRegistry observations) {
		ClientRegistration registration = ClientRegistrations.fromIssuerLocation(provider.issuer())
			.registrationId("test")
			.clientId(TestOpenIdProvider.CLIENT_ID)
			.clientSecret(TestOpenIdProvider.CLIENT_SECRET)
			.build();
		ProviderKeySets keySets = new ProviderKeySets(ProviderHttpClients.withTimeout(Duration.ofSeconds(2)),
				(id) -> Duration.ofSeconds(30));
		return new BackChannelLogoutFilter("/auth/backchannel-logout",
				new InMemoryClientRegistrationRepository(registration),
				new LogoutTokenDecoders(keySets, Clock.systemUTC()),
				new LogoutTokenReplayStore(redis, new AuthRedisKeys(PREFIX)), index, sessions, (event) -> {
				}, new AuthObservations(observations, null, Set.of("test")));
	}

	private static MockHttpServletResponse post(BackChannelLogoutFilter filter, String token) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/backchannel-logout/test");
		request.setParameter("logout_token", token);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

	/** A session store whose first delete fails, as Redis does when it goes away. */
	private static final class FailingOnce extends MapSessionRepository {

		private final AtomicInteger deletes = new AtomicInteger();

		FailingOnce() {
			super(new ConcurrentHashMap<>());
		}

		@Override
		public void deleteById(String id) {
			if (this.deletes.getAndIncrement() == 0) {
				throw new RedisConnectionFailureException("the session store went away");
			}
			super.deleteById(id);
		}

	}

}
