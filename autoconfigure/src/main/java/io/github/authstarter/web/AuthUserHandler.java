package io.github.authstarter.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.user.CurrentUser;
import io.github.authstarter.user.TokenExposure;
import io.github.authstarter.user.TokenKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code GET /auth/user}: the signed-in user as JSON, with only the tokens that
 * {@code expose-tokens} lists; {@code POST /auth/refresh}: refresh tokens and claims now
 * (CSRF-protected) and answer the same JSON. Routed by {@link #routes(AuthPaths)} to
 * {@link AuthPaths#user()} and {@link AuthPaths#refresh()}. The claims leave out those
 * that bind the sign-in to the provider session rather than describe the user.
 */
public final class AuthUserHandler {

	/**
	 * Any script on the page reads this JSON: with {@code sid} it could end the user's
	 * sessions through front-channel logout, and {@code nonce} and the token hashes serve
	 * only to replay or correlate the sign-in.
	 */
	private static final Set<String> SESSION_BINDING_CLAIMS = Set.of("sid", "nonce", "at_hash", "c_hash", "s_hash");

	private final CurrentUser currentUser;

	private final SessionUserStore store;

	private final TokenExposure exposure;

	private final String logoutPath;

	/**
	 * Creates the handler.
	 * @param currentUser the current user
	 * @param store the session record store, whose record the JSON shows as it is (a GET
	 * never refreshes)
	 * @param exposure which tokens may be shown
	 * @param logoutPath where the user logs out ({@code POST}, with the CSRF token)
	 */
	public AuthUserHandler(CurrentUser currentUser, SessionUserStore store, TokenExposure exposure, String logoutPath) {
		this.currentUser = currentUser;
		this.store = store;
		this.exposure = exposure;
		this.logoutPath = logoutPath;
	}

	/**
	 * The routes of the user's JSON and of the refresh.
	 * @param paths where they are
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> routes(AuthPaths paths) {
		return RouterFunctions.route()
			.GET(paths.user(), (request) -> json(request.servletRequest()))
			.POST(paths.refresh(), (request) -> {
				this.currentUser.refresh();
				return json(request.servletRequest());
			})
			.build();
	}

	private ServerResponse json(HttpServletRequest request) {
		// throws the starter's 401 for anonymous requests
		this.currentUser.provider();
		SessionUser user = this.store.read(request);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("authenticated", true);
		body.put("provider", user.provider());
		body.put("subject", user.subject());
		body.put("name", this.currentUser.name());
		body.put("email", this.currentUser.email());
		body.put("authorities", user.authorities());
		Map<String, Object> claims = new LinkedHashMap<>(user.claimsAsJson());
		claims.keySet().removeAll(SESSION_BINDING_CLAIMS);
		body.put("claims", claims);
		body.put("accessTokenExpiresAt", (user.accessToken().getExpiresAt() != null)
				? user.accessToken().getExpiresAt().getEpochSecond() : null);
		body.put("scopes", user.accessToken().getScopes());
		HttpSession session = request.getSession(false);
		Instant idleEnd = (session != null && session.getMaxInactiveInterval() > 0)
				? Instant.ofEpochMilli(session.getLastAccessedTime()).plusSeconds(session.getMaxInactiveInterval())
				: null;
		// the earlier of the idle timeout and the maximum lifetime of the sign-in
		Instant signInEnd = this.store.signInEndsAt(user);
		Instant end = (idleEnd == null || signInEnd != null && signInEnd.isBefore(idleEnd)) ? signInEnd : idleEnd;
		body.put("sessionExpiresAt", (end != null) ? end.getEpochSecond() : null);
		body.put("logoutUrl", request.getContextPath() + this.logoutPath);
		if (this.exposure.exposes(user.provider(), TokenKind.ID) && user.idToken() != null) {
			body.put("idToken", user.idToken().getTokenValue());
		}
		if (this.exposure.exposes(user.provider(), TokenKind.ACCESS)) {
			body.put("accessToken", user.accessToken().getTokenValue());
		}
		if (this.exposure.exposes(user.provider(), TokenKind.REFRESH) && user.refreshToken() != null) {
			body.put("refreshToken", user.refreshToken().getTokenValue());
		}
		return ServerResponse.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(body);
	}

}
