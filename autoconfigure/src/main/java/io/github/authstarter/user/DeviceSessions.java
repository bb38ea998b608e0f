package io.github.authstarter.user;

import java.util.List;

import io.github.authstarter.logout.UserSessions;
import io.github.authstarter.session.SessionUser;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in user's sessions on every instance and device, and ending them:
 * {@code currentUser.devices()}. Ending a session revokes its refresh token at the
 * provider; the provider session itself is left alone.
 */
public final class DeviceSessions {

	private final CurrentUser currentUser;

	private final @Nullable UserSessions userSessions;

	DeviceSessions(CurrentUser currentUser, @Nullable UserSessions userSessions) {
		this.currentUser = currentUser;
		this.userSessions = userSessions;
	}

	/**
	 * The sessions that are still signed in: the current one first, then the most
	 * recently used.
	 * @return the sessions
	 */
	public List<DeviceSession> list() {
		SessionUser user = this.currentUser.user();
		return userSessions().list(this.currentUser.request(), user.provider(), user.subject())
			.stream()
			.map((listed) -> new DeviceSession(listed.handle(), listed.createdAt(), listed.lastSeenAt(),
					listed.device(), listed.current()))
			.toList();
	}

	/**
	 * Ends one session, on whatever instance or device it is used; ending the current one
	 * signs this request's user out.
	 * @param id the session's {@link DeviceSession#id()}
	 * @return whether the user had such a session (another user's is never found)
	 */
	public boolean end(String id) {
		SessionUser user = this.currentUser.user();
		return userSessions().end(this.currentUser.request(), user.provider(), user.subject(), id);
	}

	/**
	 * Ends every session but this one ("sign out other devices").
	 * @return how many sessions were ended
	 */
	public int signOutOthers() {
		SessionUser user = this.currentUser.user();
		return userSessions().endOthers(this.currentUser.request(), user.provider(), user.subject());
	}

	/**
	 * Ends every session, this one included ("sign out of all devices").
	 * @return how many sessions were ended
	 */
	public int signOutEverywhere() {
		SessionUser user = this.currentUser.user();
		return userSessions().endAll(this.currentUser.request(), user.provider(), user.subject());
	}

	private UserSessions userSessions() {
		if (this.userSessions == null) {
			throw new IllegalStateException("Listing and ending sessions needs the starter's session index");
		}
		return this.userSessions;
	}

}
