package io.github.authstarter.logout;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Ends every session of a user, on every instance ("sign out of all devices").
 */
public final class UserSessions {

	private final SessionIndex index;

	private final SessionRepository<? extends Session> sessions;

	/**
	 * Creates the bean.
	 * @param index the session index
	 * @param sessions the shared sessions
	 */
	public UserSessions(SessionIndex index, SessionRepository<? extends Session> sessions) {
		this.index = index;
		this.sessions = sessions;
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
				this.sessions.deleteById(id);
			}
		}
		this.index.forget(provider, "sub", subject);
		if (current != null) {
			// invalidated through the request, so the end of the request cannot save it
			// back
			current.invalidate();
		}
		return ids.size();
	}

}
