package io.github.authstarter.session;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a session's sign-in counts on this request: a sign-in of one tenant is not
 * accepted at another's host, and one of a provider removed from the store has ended.
 */
@FunctionalInterface
public interface SessionAdmission {

	/**
	 * Admits every sign-in.
	 */
	SessionAdmission ALWAYS = (request, user) -> Verdict.ADMITTED;

	/**
	 * Judges a sign-in on a request.
	 * @param request the request
	 * @param user the session's record
	 * @return the verdict
	 */
	Verdict admit(HttpServletRequest request, SessionUser user);

	/**
	 * What becomes of a sign-in on a request.
	 */
	enum Verdict {

		/** It counts. */
		ADMITTED,

		/** It does not count here (another tenant), but stays for where it does. */
		NOT_HERE,

		/** It has ended: its record leaves the session. */
		ENDED

	}

}
