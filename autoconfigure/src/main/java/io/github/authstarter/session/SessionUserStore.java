package io.github.authstarter.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the {@link SessionUser} record in the HTTP session, parsing it at most
 * once per request. Reading never creates a session.
 */
public final class SessionUserStore {

	/** The session attribute holding the record's JSON text. */
	public static final String ATTRIBUTE = "AUTH_USER";

	private static final String CACHE = SessionUserStore.class.getName() + ".cache";

	private static final Log logger = LogFactory.getLog(SessionUserStore.class);

	private final TokenCipher cipher;

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
		this.cipher = cipher;
	}

	/**
	 * The stored form of a record.
	 * @param user the record
	 * @return the JSON text, token values sealed
	 */
	public String serialize(SessionUser user) {
		return user.toJson(this.cipher);
	}

	/**
	 * Reads a stored record.
	 * @param json the JSON text
	 * @return the record
	 * @throws IllegalArgumentException when it is unreadable
	 */
	public SessionUser deserialize(String json) {
		return SessionUser.fromJson(json, this.cipher);
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
		try {
			SessionUser user = deserialize(json);
			request.setAttribute(CACHE, user);
			return user;
		}
		catch (IllegalArgumentException ex) {
			// an unreadable record (another version, tampering) means "signed out", never
			// a 500
			logger.warn("Ignoring an unreadable session record: " + ex.getMessage());
			session.removeAttribute(ATTRIBUTE);
			return null;
		}
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
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ATTRIBUTE);
		}
	}

}
