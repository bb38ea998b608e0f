package io.github.authstarter.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.user.CurrentUser;
import io.github.authstarter.user.TokenExposure;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/user}: the signed-in user as JSON, with only the tokens that
 * {@code expose-tokens} lists; {@code POST /auth/refresh}: refresh tokens and claims now
 * (CSRF-protected) and answer the same JSON. Paths come from {@code auth.user.path} and
 * {@code auth.refresh.path}.
 */
@RestController
public final class AuthUserEndpoint {

	private final CurrentUser currentUser;

	private final TokenExposure exposure;

	/**
	 * Creates the endpoint.
	 * @param currentUser the current user
	 * @param exposure which tokens may be shown
	 */
	public AuthUserEndpoint(CurrentUser currentUser, TokenExposure exposure) {
		this.currentUser = currentUser;
		this.exposure = exposure;
	}

	@GetMapping(path = "${auth.user.path:/auth/user}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> user() {
		return json();
	}

	@PostMapping(path = "${auth.refresh.path:/auth/refresh}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> refresh() {
		this.currentUser.refresh();
		return json();
	}

	private ResponseEntity<Map<String, Object>> json() {
		SessionUser user = this.currentUser.sessionUser();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("authenticated", true);
		body.put("provider", user.provider());
		body.put("subject", user.subject());
		body.put("name", this.currentUser.name());
		body.put("email", this.currentUser.email());
		body.put("claims", user.claimsAsJson());
		body.put("accessTokenExpiresAt", (user.accessToken().getExpiresAt() != null)
				? user.accessToken().getExpiresAt().getEpochSecond() : null);
		body.put("scopes", user.accessToken().getScopes());
		if (this.exposure.exposes(user.provider(), "id") && user.idToken() != null) {
			body.put("idToken", user.idToken().getTokenValue());
		}
		if (this.exposure.exposes(user.provider(), "access")) {
			body.put("accessToken", user.accessToken().getTokenValue());
		}
		if (this.exposure.exposes(user.provider(), "refresh") && user.refreshToken() != null) {
			body.put("refreshToken", user.refreshToken().getTokenValue());
		}
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
	}

}
