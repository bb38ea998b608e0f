package io.github.authstarter.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.user.CurrentUser;
import io.github.authstarter.user.DeviceSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code GET /auth/sessions}: the signed-in user's sessions on every instance and device
 * (when each began and was last used, a coarse device label, which is the current one);
 * {@code POST /auth/sessions/{id}/end} ends one, {@code POST /auth/sessions/others/end}
 * all but the current one ("sign out other devices"). The posts are CSRF-protected like
 * every post; a user can name only their own sessions. Routed by
 * {@link #routes(AuthPaths)} under {@link AuthPaths#sessions()}.
 */
public final class AuthSessionsHandler {

	private static final Log logger = LogFactory.getLog(AuthSessionsHandler.class);

	private final CurrentUser currentUser;

	private final AuthErrorResponder responder;

	/**
	 * Creates the handler.
	 * @param currentUser the current user
	 * @param responder writes the error of a session the user does not have
	 */
	public AuthSessionsHandler(CurrentUser currentUser, AuthErrorResponder responder) {
		this.currentUser = currentUser;
		this.responder = ErrorResponseWriter.prepared(responder);
	}

	/**
	 * The routes of the sessions' list and of ending them.
	 * @param paths where they are
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> routes(AuthPaths paths) {
		// "others" first: the first route that matches answers
		return RouterFunctions.route()
			.GET(paths.sessions(), (request) -> sessions())
			.POST(paths.sessions() + "/others/end", (request) -> endOthers())
			.POST(paths.sessions() + "/{id}/end", (request) -> end(request.pathVariable("id")))
			.build();
	}

	private ServerResponse sessions() {
		List<Map<String, Object>> sessions = this.currentUser.devices()
			.list()
			.stream()
			.map(AuthSessionsHandler::json)
			.toList();
		return json(200, Map.of("sessions", sessions));
	}

	private ServerResponse endOthers() {
		int ended = this.currentUser.devices().signOutOthers();
		logger.info("Signed out " + ended + " other session(s) of a user of provider '" + this.currentUser.provider()
				+ "'");
		return json(200, Map.of("ended", ended));
	}

	private ServerResponse end(String id) {
		// checked before it is used: a handle is 22 base64url characters
		if (!id.matches("[A-Za-z0-9_-]{1,64}") || !this.currentUser.devices().end(id)) {
			logger.info("No session to end under that id for the signed-in user");
			return ServerResponse.status(404).build((request, response) -> {
				this.responder.respond(JsonOnlyRequest.always(request), response,
						new AuthError(404, "session_not_found",
								"The signed-in user has no session with this id; list them at GET sessions.", null));
				return null;
			});
		}
		return json(200, Map.of("ended", 1));
	}

	private static ServerResponse json(int status, Map<String, Object> body) {
		return ServerResponse.status(status)
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(body);
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
