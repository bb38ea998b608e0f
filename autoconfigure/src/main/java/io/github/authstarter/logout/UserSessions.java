package io.github.authstarter.logout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.github.authstarter.session.SessionUserStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * A user's sessions on every instance: listed (when each began and was last used, on what
 * device), ended one by one, all but the current one ("sign out other devices"), or all
 * ("sign out of all devices"). Sessions are named by an opaque handle, a hash of their
 * id, never by the id itself, which is the cookie value. An ended session's refresh token
 * is revoked at the provider: a lost device's copy of it must stop working too.
 */
public final class UserSessions {

	private static final Log logger = LogFactory.getLog(UserSessions.class);

	/** The session attribute holding the device label of the sign-in. */
	public static final String DEVICE_ATTRIBUTE = "AUTH_DEVICE";

	private final SessionIndex index;

	private final SessionRepository<? extends Session> sessions;

	private final @Nullable SessionRevoker revoker;

	/**
	 * Creates the bean, which deletes the sessions it ends and revokes nothing.
	 * @param index the session index
	 * @param sessions the shared sessions
	 */
	public UserSessions(SessionIndex index, SessionRepository<? extends Session> sessions) {
		this(index, sessions, null);
	}

	/**
	 * Creates the bean.
	 * @param index the session index
	 * @param sessions the shared sessions
	 * @param revoker revokes the refresh token of each session it ends, or {@code null}
	 * to only delete them
	 */
	public UserSessions(SessionIndex index, SessionRepository<? extends Session> sessions,
			@Nullable SessionRevoker revoker) {
		this.index = index;
		this.sessions = sessions;
		this.revoker = revoker;
	}

	/**
	 * The user's sessions that are still signed in, the current one first, then the most
	 * recently used.
	 * @param request the current request
	 * @param provider the provider id
	 * @param subject the user's subject
	 * @return the sessions
	 */
	public List<Listed> list(HttpServletRequest request, String provider, String subject) {
		HttpSession current = request.getSession(false);
		List<Listed> list = new ArrayList<>();
		for (String id : this.index.sessions(provider, "sub", subject)) {
			boolean isCurrent = current != null && current.getId().equals(id);
			Session session = isCurrent ? null : this.sessions.findById(id);
			if (isCurrent) {
				list.add(new Listed(handle(id), Instant.ofEpochMilli(current.getCreationTime()),
						Instant.ofEpochMilli(current.getLastAccessedTime()),
						device(current.getAttribute(DEVICE_ATTRIBUTE)), true));
			}
			else if (session != null && session.getAttribute(SessionUserStore.ATTRIBUTE) != null) {
				list.add(new Listed(handle(id), session.getCreationTime(), session.getLastAccessedTime(),
						device(session.getAttribute(DEVICE_ATTRIBUTE)), false));
			}
			// an id without a session is not pruned here: it may be a sign-in that
			// indexed
			// itself before its session was saved; the logouts that read it remove it
		}
		list.sort(Comparator.comparing(Listed::current)
			.reversed()
			.thenComparing(Listed::lastSeenAt, Comparator.reverseOrder()));
		return list;
	}

	/**
	 * Ends one of the user's sessions, on whatever instance it is used.
	 * @param request the current request
	 * @param provider the provider id
	 * @param subject the user's subject
	 * @param handle the session's handle from {@link #list}
	 * @return whether the user had such a session (another user's is never found)
	 */
	public boolean end(HttpServletRequest request, String provider, String subject, String handle) {
		HttpSession current = request.getSession(false);
		for (String id : this.index.sessions(provider, "sub", subject)) {
			if (MessageDigest.isEqual(handle(id).getBytes(StandardCharsets.US_ASCII),
					handle.getBytes(StandardCharsets.US_ASCII))) {
				if (current != null && current.getId().equals(id)) {
					endRevoking(id, current::invalidate);
				}
				else {
					endRevoking(id, () -> this.sessions.deleteById(id));
				}
				// only once it is ended: a session left signed in stays where a
				// back-channel logout finds it
				cleanIndex(() -> this.index.remove(provider, null, subject, id));
				return true;
			}
		}
		return false;
	}

	/**
	 * Ends every session of the user but the one of this request ("sign out other
	 * devices").
	 * @param request the current request
	 * @param provider the provider id
	 * @param subject the user's subject
	 * @return how many sessions were ended
	 */
	public int endOthers(HttpServletRequest request, String provider, String subject) {
		HttpSession current = request.getSession(false);
		int ended = 0;
		for (String id : this.index.sessions(provider, "sub", subject)) {
			if (current == null || !current.getId().equals(id)) {
				endRevoking(id, () -> this.sessions.deleteById(id));
				cleanIndex(() -> this.index.remove(provider, null, subject, id));
				ended++;
			}
		}
		return ended;
	}

	/**
	 * Removes ended sessions from the index, or logs why not: they are ended, and a 503
	 * now would say otherwise; a stale id is removed by the next logout that reads it.
	 */
	private static void cleanIndex(Runnable removal) {
		try {
			removal.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Ended sessions stay in the session index for now (" + ex.getClass().getSimpleName()
					+ "); the next logout that reads them removes them");
		}
	}

	/**
	 * Records the device of a sign-in in its session.
	 * @param request the request of the sign-in
	 * @param session its session
	 */
	public static void recordDevice(HttpServletRequest request, HttpSession session) {
		String label = DeviceLabel.of(request.getHeader("User-Agent"));
		if (label != null) {
			session.setAttribute(DEVICE_ATTRIBUTE, label);
		}
	}

	/** An opaque, stable name for a session: its id must not leave the cookie. */
	static String handle(String sessionId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(("auth-session-handle:" + sessionId).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable String device(@Nullable Object label) {
		return (label instanceof String text) ? text : null;
	}

	/**
	 * Ends every session of the user, including the one of this request.
	 * @param request the current request
	 * @param provider the provider id
	 * @param subject the user's subject
	 * @return how many sessions were ended
	 */
	public int endAll(HttpServletRequest request, String provider, String subject) {
		HttpSession current = request.getSession(false);
		Set<String> ids = this.index.sessions(provider, "sub", subject);
		for (String id : ids) {
			if (current == null || !current.getId().equals(id)) {
				endRevoking(id, () -> this.sessions.deleteById(id));
			}
		}
		if (current != null) {
			// invalidated through the request, so the end of the request cannot save it
			// back
			endRevoking(current.getId(), current::invalidate);
		}
		// only once every one of them is ended: one left signed in stays where a
		// back-channel logout finds it
		cleanIndex(() -> this.index.forget(provider, "sub", subject, ids));
		return ids.size();
	}

	/**
	 * Ends a session, with its refresh token revoked first under the session's lock when
	 * there is a revoker.
	 */
	private void endRevoking(String id, Runnable ending) {
		if (this.revoker != null) {
			this.revoker.end(id, ending);
		}
		else {
			ending.run();
		}
	}

	/**
	 * A session as {@link #list} sees it.
	 *
	 * @param handle its opaque handle
	 * @param createdAt when it began
	 * @param lastSeenAt when it was last used
	 * @param device the device label of the sign-in, or {@code null}
	 * @param current whether it is the session of the request
	 */
	public record Listed(String handle, Instant createdAt, Instant lastSeenAt, @Nullable String device,
			boolean current) {

	}

}
