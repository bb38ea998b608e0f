package io.github.authstarter.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.authstarter.event.TokenRefreshFailedEvent;
import io.github.authstarter.event.TokensRefreshedEvent;
import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Refreshes a session's tokens at most once at a time across all instances. The winner of
 * a per-session Redis lock runs the grant and stores the result in the shared session
 * before releasing the lock; every other request, on any instance, waits for the lock and
 * then uses the winner's tokens. This matters because with refresh-token rotation a
 * second grant with the same refresh token makes the provider revoke the whole token
 * family.
 */
public final class SingleFlightTokenRefresher implements TokenRefresher {

	private static final Log logger = LogFactory.getLog(SingleFlightTokenRefresher.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private static final RedisScript<Long> RENEW = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
			Long.class);

	private static final Duration POLL = Duration.ofMillis(20);

	/**
	 * Keeps the lease of running refreshes from lapsing; daemon, so it never holds the
	 * JVM.
	 */
	private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "auth-refresh-lease");
		thread.setDaemon(true);
		return thread;
	});

	private final StringRedisTemplate redis;

	private final SessionRepository<? extends Session> sessions;

	private final SessionUserStore store;

	private final RefreshTokenGrant grant;

	private final RefreshSettings settings;

	private final Clock clock = Clock.systemUTC();

	private ApplicationEventPublisher events = (event) -> {
	};

	/**
	 * Creates a refresher.
	 * @param redis the shared Redis, for the locks
	 * @param sessions the shared sessions, read again after another instance refreshed
	 * @param store the session record store
	 * @param registrations the providers
	 * @param idTokenDecoders validates refreshed id tokens like at login
	 * @param settings the refresh settings
	 */
	public SingleFlightTokenRefresher(StringRedisTemplate redis, SessionRepository<? extends Session> sessions,
			SessionUserStore store, ClientRegistrationRepository registrations,
			JwtDecoderFactory<ClientRegistration> idTokenDecoders, RefreshSettings settings) {
		this.redis = redis;
		this.sessions = sessions;
		this.store = store;
		this.grant = new RefreshTokenGrant(registrations, idTokenDecoders, settings);
		this.settings = settings;
	}

	/**
	 * Sets where sign-in and refresh events go.
	 * @param events the publisher
	 */
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	/**
	 * Whether the user's access token expires within the skew.
	 * @param user the user
	 * @return whether it should be refreshed now
	 */
	@Override
	public boolean expiring(SessionUser user) {
		Instant expiresAt = user.accessToken().getExpiresAt();
		return expiresAt != null && !this.clock.instant().plus(this.settings.skew()).isBefore(expiresAt);
	}

	/**
	 * Refreshes the tokens when they expire within the skew and a refresh token exists;
	 * keeps the current ones while the provider is unreachable and they are still valid.
	 * @param request the request of the signed-in user
	 * @param user the user as this request read it
	 * @return the user with usable tokens
	 */
	@Override
	public SessionUser refreshIfExpiring(HttpServletRequest request, SessionUser user) {
		if (!expiring(user) || user.refreshToken() == null) {
			return user;
		}
		try {
			return refresh(request, user, false);
		}
		catch (TokenRefreshUnavailableException ex) {
			Instant expiresAt = user.accessToken().getExpiresAt();
			if (expiresAt != null && this.clock.instant().isBefore(expiresAt)) {
				logger.warn("Keeping the current tokens of provider '" + user.provider()
						+ "' until they expire: the refresh failed");
				return user;
			}
			throw ex;
		}
	}

	/**
	 * Refreshes the tokens now, or takes the ones another instance has just refreshed.
	 * @param request the request of the signed-in user
	 * @param user the user as this request read it
	 * @param force whether to refresh even if another instance refreshed meanwhile
	 * @return the user with refreshed tokens
	 */
	@Override
	public SessionUser refresh(HttpServletRequest request, SessionUser user, boolean force) {
		if (user.refreshToken() == null) {
			throw new NoRefreshTokenException(user.provider());
		}
		HttpSession session = request.getSession(false);
		if (session == null) {
			throw new ReauthenticationRequiredException(user.provider());
		}
		String lock = this.settings.keyPrefix() + "refresh-lock:" + session.getId();
		String owner = UUID.randomUUID().toString();
		Instant deadline = this.clock.instant().plus(this.settings.waitTimeout());
		while (true) {
			if (Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(lock, owner, this.settings.lockLease()))) {
				ScheduledFuture<?> renewal = renewWhileRunning(lock, owner);
				try {
					SessionUser latest = latest(session.getId(), user);
					if (!force && newer(latest, user)) {
						return published(adopt(request, latest), "waited_for_other_instance");
					}
					return published(store(request, session.getId(), grant(request, session.getId(), latest)),
							"refreshed");
				}
				finally {
					renewal.cancel(false);
					this.redis.execute(RELEASE, List.of(lock), owner);
				}
			}
			awaitRelease(lock, deadline);
			SessionUser latest = latest(session.getId(), user);
			if (newer(latest, user)) {
				return published(adopt(request, latest), "waited_for_other_instance");
			}
			if (this.clock.instant().isAfter(deadline)) {
				throw new TokenRefreshUnavailableException(user.provider(),
						new IllegalStateException("another instance's refresh did not finish in time"));
			}
		}
	}

	private ScheduledFuture<?> renewWhileRunning(String lock, String owner) {
		long lease = this.settings.lockLease().toMillis();
		long period = Math.max(lease / 3, 1);
		return RENEWALS.scheduleAtFixedRate(() -> {
			try {
				this.redis.execute(RENEW, List.of(lock), owner, String.valueOf(lease));
			}
			catch (RuntimeException ex) {
				logger.debug("Could not renew a refresh lock: " + ex.getMessage());
			}
		}, period, period, TimeUnit.MILLISECONDS);
	}

	private SessionUser grant(HttpServletRequest request, String sessionId, SessionUser latest) {
		try {
			return this.grant.refresh(latest);
		}
		catch (TokenRefreshUnavailableException ex) {
			this.events
				.publishEvent(new TokenRefreshFailedEvent(latest.provider(), latest.subject(), "provider_unavailable"));
			throw ex;
		}
		catch (RefreshTokenGrant.InvalidGrantException ex) {
			// only a genuine refusal ends the session, not a rotation done elsewhere
			SessionUser again = latest(sessionId, latest);
			if (newer(again, latest)) {
				this.events
					.publishEvent(new TokensRefreshedEvent(again.provider(), again.subject(), "reused_newer_tokens"));
				return again;
			}
			this.events.publishEvent(new TokenRefreshFailedEvent(latest.provider(), latest.subject(), "invalid_grant"));
			logger.warn("Refresh refused by provider '" + latest.provider() + "': invalid_grant; signing out");
			this.store.remove(request);
			Session session = this.sessions.findById(sessionId);
			if (session != null) {
				session.removeAttribute(SessionUserStore.ATTRIBUTE);
				save(session);
			}
			throw new ReauthenticationRequiredException(latest.provider());
		}
	}

	private SessionUser store(HttpServletRequest request, String sessionId, SessionUser refreshed) {
		Session session = this.sessions.findById(sessionId);
		if (session != null) {
			// written through before the lock is released, so waiters on other
			// instances read the new tokens
			session.setAttribute(SessionUserStore.ATTRIBUTE, this.store.serialize(refreshed));
			save(session);
		}
		return adopt(request, refreshed);
	}

	private SessionUser published(SessionUser user, String outcome) {
		this.events.publishEvent(new TokensRefreshedEvent(user.provider(), user.subject(), outcome));
		return user;
	}

	private SessionUser adopt(HttpServletRequest request, SessionUser user) {
		this.store.write(request, user);
		return user;
	}

	private SessionUser latest(String sessionId, SessionUser fallback) {
		Session session = this.sessions.findById(sessionId);
		Object json = (session != null) ? session.getAttribute(SessionUserStore.ATTRIBUTE) : null;
		if (!(json instanceof String text)) {
			return fallback;
		}
		try {
			return this.store.deserialize(text);
		}
		catch (IllegalArgumentException ex) {
			return fallback;
		}
	}

	private static boolean newer(SessionUser candidate, SessionUser seen) {
		return !candidate.accessToken().getTokenValue().equals(seen.accessToken().getTokenValue());
	}

	private void awaitRelease(String lock, Instant deadline) {
		while (Boolean.TRUE.equals(this.redis.hasKey(lock)) && this.clock.instant().isBefore(deadline)) {
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@SuppressWarnings("unchecked")
	private <S extends Session> void save(Session session) {
		((SessionRepository<S>) this.sessions).save((S) session);
	}

}
