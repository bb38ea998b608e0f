package io.github.authstarter.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * Reads and writes the {@link SessionUser} record in the HTTP session, parsing it at most
 * once per request. Reading never creates a session.
 */
public final class SessionUserStore {

	/** The session attribute holding the record's JSON text. */
	public static final String ATTRIBUTE = "AUTH_USER";

	private static final String CACHE = SessionUserStore.class.getName() + ".cache";

	private static final String READ = SessionUserStore.class.getName() + ".read";

	private static final Log logger = LogFactory.getLog(SessionUserStore.class);

	private static final int PARSED_RECORDS = 1024;

	private final TokenCipher cipher;

	private final boolean compact;

	private final @Nullable Duration maxLifetime;

	private volatile SessionAdmission admission;

	private final Clock clock;

	/**
	 * Records this instance parsed recently, by their exact stored text: a signed-in
	 * request whose record did not change is not parsed again (the parse is the larger
	 * part of what a signed-in request costs beyond an anonymous one). Records are
	 * immutable; a changed record is new text, so it is never answered stale.
	 */
	private final Map<String, SessionUser> parsed = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, SessionUser> eldest) {
			return size() > PARSED_RECORDS;
		}

	});

	/**
	 * The authentication of each record recently used, by the record's identity: a record
	 * parsed once serves many requests, which then share its authentication as they would
	 * with a session kept in memory, rather than each building the principal and its
	 * claims again.
	 */
	private final Map<Identity, OAuth2AuthenticationToken> authentications = Collections
		.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Identity, OAuth2AuthenticationToken> eldest) {
				return size() > PARSED_RECORDS;
			}

		});

	/**
	 * Creates a store that keeps token values in clear.
	 */
	public SessionUserStore() {
		this(TokenCipher.NONE);
	}

	/**
	 * Creates a store.
	 * @param cipher seals token values in the stored record
	 */
	public SessionUserStore(TokenCipher cipher) {
		this(cipher, true);
	}

	/**
	 * Creates a store.
	 * @param cipher seals token values in the stored record
	 * @param compact whether to write the current record version, or version 1 that
	 * earlier releases read
	 */
	public SessionUserStore(TokenCipher cipher, boolean compact) {
		this(cipher, compact, null, Clock.systemUTC());
	}

	/**
	 * Creates a store.
	 * @param cipher seals token values in the stored record
	 * @param compact whether to write the current record version, or version 1 that
	 * earlier releases read
	 * @param maxLifetime how long after signing in a user must sign in again, however
	 * active, or {@code null} for no such limit
	 * @param clock the clock
	 */
	public SessionUserStore(TokenCipher cipher, boolean compact, @Nullable Duration maxLifetime, Clock clock) {
		this.admission = SessionAdmission.ALWAYS;
		this.cipher = cipher;
		this.compact = compact;
		this.maxLifetime = maxLifetime;
		this.clock = clock;
	}

	/**
	 * When a sign-in ends however active the user is: its time plus
	 * {@code auth.session.max-lifetime}.
	 * @param user the record
	 * @return the end, or {@code null} without a maximum lifetime
	 */
	public @Nullable Instant signInEndsAt(SessionUser user) {
		return (this.maxLifetime != null) ? user.authenticatedAt().plus(this.maxLifetime) : null;
	}

	/**
	 * The stored form of a record.
	 * @param user the record
	 * @return the JSON text, token values sealed
	 */
	public String serialize(SessionUser user) {
		return user.toJson(this.cipher, this.compact);
	}

	/**
	 * Reads a stored record.
	 * @param json the JSON text
	 * @return the record
	 * @throws IllegalArgumentException when it is unreadable
	 */
	public SessionUser deserialize(String json) {
		SessionUser known = this.parsed.get(json);
		if (known != null) {
			return known;
		}
		SessionUser user = SessionUser.fromJson(json, this.cipher);
		this.parsed.put(json, user);
		return user;
	}

	/**
	 * The authentication of a record, built once for each record this instance holds.
	 * @param user the record
	 * @return its authentication
	 */
	public OAuth2AuthenticationToken authentication(SessionUser user) {
		Identity key = new Identity(user);
		OAuth2AuthenticationToken known = this.authentications.get(key);
		if (known != null) {
			return known;
		}
		OAuth2AuthenticationToken built = user.authentication();
		this.authentications.put(key, built);
		return built;
	}

	/**
	 * The record of the current session.
	 * @param request the request
	 * @return the record, or {@code null} when nobody is signed in
	 */
	public @Nullable SessionUser read(HttpServletRequest request) {
		if (request.getAttribute(CACHE) instanceof SessionUser cached) {
			return cached;
		}
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String json)) {
			return null;
		}
		SessionUser user;
		try {
			user = deserialize(json);
		}
		catch (IllegalArgumentException ex) {
			// an unreadable record (another version, tampering) means "signed out", never
			// a 500
			logger.warn("Ignoring an unreadable session record: " + ex.getMessage());
			session.removeAttribute(ATTRIBUTE);
			return null;
		}
		Instant ends = signInEndsAt(user);
		if (ends != null && !this.clock.instant().isBefore(ends)) {
			// the record and its tokens leave the session; the user signs in again
			logger.info("Sign-in of provider '" + user.provider() + "' reached auth.session.max-lifetime; "
					+ "signing in again");
			session.removeAttribute(ATTRIBUTE);
			return null;
		}
		SessionAdmission.Verdict verdict = this.admission.admit(request, user);
		if (verdict == SessionAdmission.Verdict.ENDED) {
			logger.info("Ended a sign-in of provider '" + user.provider() + "', which was removed or disabled");
			session.removeAttribute(ATTRIBUTE);
			return null;
		}
		if (verdict == SessionAdmission.Verdict.NOT_HERE) {
			return null;
		}
		request.setAttribute(CACHE, user);
		request.setAttribute(READ, user);
		return user;
	}

	/**
	 * Judges every record read from now on: the tenant it signed in at, the provider it
	 * signed in with.
	 * @param admission the judge
	 */
	public void admitWith(SessionAdmission admission) {
		this.admission = admission;
	}

	/**
	 * The record this request read from its session, if it did: not one it wrote or
	 * adopted since.
	 * @param request the request
	 * @return the record as read, or {@code null}
	 */
	public @Nullable SessionUser readFromSession(HttpServletRequest request) {
		return (request.getAttribute(READ) instanceof SessionUser user) ? user : null;
	}

	/**
	 * Stores the record, creating the session if needed.
	 * @param request the request
	 * @param user the record
	 */
	public void write(HttpServletRequest request, SessionUser user) {
		request.getSession(true).setAttribute(ATTRIBUTE, serialize(user));
		request.setAttribute(CACHE, user);
	}

	/**
	 * Uses a record for the rest of this request without writing it to the session: for a
	 * record that is already stored in Redis.
	 * @param request the request
	 * @param user the record
	 */
	public void useForThisRequest(HttpServletRequest request, SessionUser user) {
		request.setAttribute(CACHE, user);
	}

	/**
	 * Removes the record from the current session, if any.
	 * @param request the request
	 */
	public void remove(HttpServletRequest request) {
		request.removeAttribute(CACHE);
		request.removeAttribute(READ);
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ATTRIBUTE);
		}
	}

	/** A record as a key by its identity: two equal records are still parsed apart. */
	private record Identity(SessionUser user) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Identity that && this.user == that.user;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.user);
		}

	}

}
