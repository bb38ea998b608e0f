package io.github.authstarter.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.user.CurrentUser;
import io.github.authstarter.user.DeviceSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/sessions}: the signed-in user's sessions on every instance and device
 * (when each began and was last used, a coarse device label, which is the current one);
 * {@code POST /auth/sessions/{id}/end} ends one, {@code POST /auth/sessions/others/end}
 * all but the current one ("sign out other devices"). The posts are CSRF-protected like
 * every post; a user can name only their own sessions. The path comes from
 * {@code auth.sessions.path}.
 */
@RestController
public final class AuthSessionsEndpoint {

	private static final Log logger = LogFactory.getLog(AuthSessionsEndpoint.class);

	private final CurrentUser currentUser;

	/**
	 * Creates the endpoint.
	 * @param currentUser the current user
	 */
	public AuthSessionsEndpoint(CurrentUser currentUser) {
		this.currentUser = currentUser;
	}

	@GetMapping(path = "${auth.sessions.path:/auth/sessions}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> sessions() {
		List<Map<String, Object>> sessions = this.currentUser.devices()
			.list()
			.stream()
			.map(AuthSessionsEndpoint::json)
			.toList();
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(Map.of("sessions", sessions));
	}

	@PostMapping(path = "${auth.sessions.path:/auth/sessions}/others/end", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> endOthers() {
		int ended = this.currentUser.devices().signOutOthers();
		logger.info("Signed out " + ended + " other session(s) of a user of provider '" + this.currentUser.provider()
				+ "'");
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(Map.of("ended", ended));
	}

	@PostMapping(path = "${auth.sessions.path:/auth/sessions}/{id}/end", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> end(@PathVariable String id) {
		// checked before it is used: a handle is 22 base64url characters
		if (!id.matches("[A-Za-z0-9_-]{1,64}") || !this.currentUser.devices().end(id)) {
			logger.info("No session to end under that id for the signed-in user");
			return ResponseEntity.status(404)
				.header("Cache-Control", "no-store")
				.body(Map.of("error", "session_not_found", "error_description",
						"The signed-in user has no session with this id; list them at GET sessions."));
		}
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(Map.of("ended", 1));
	}

	private static Map<String, Object> json(DeviceSession session) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", session.id());
		json.put("createdAt", session.createdAt().getEpochSecond());
		json.put("lastSeenAt", session.lastSeenAt().getEpochSecond());
		json.put("device", session.device());
		json.put("current", session.current());
		return json;
	}

}
