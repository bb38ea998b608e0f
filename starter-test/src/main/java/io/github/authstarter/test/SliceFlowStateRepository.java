package io.github.authstarter.test;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * The login-flow store of a {@code @WebMvcTest}: there is no Redis and no provider, so no
 * login can start and every callback finds no flow (a 4xx, as for an unknown state).
 */
final class SliceFlowStateRepository implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	@Override
	public @Nullable OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		return null;
	}

	@Override
	public void saveAuthorizationRequest(@Nullable OAuth2AuthorizationRequest authorizationRequest,
			HttpServletRequest request, HttpServletResponse response) {
		if (authorizationRequest != null) {
			throw new IllegalStateException("A @WebMvcTest runs no login flow (it has no Redis and no provider): "
					+ "sign a user in with @WithCurrentUser or currentUser(...), or test logins with "
					+ "AuthTestProvider in a @SpringBootTest");
		}
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		return null;
	}

}
