package io.github.authstarter.token;

import io.github.authstarter.session.SessionUser;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Keeps a signed-in user's tokens usable. The starter's implementation is
 * {@link SingleFlightTokenRefresher}; the test kit's {@code @WebMvcTest} slice supplies
 * one that needs no provider. An internal seam, not an extension point: it speaks the
 * internal session record, so it is not part of the public API.
 */
public interface TokenRefresher {

	/**
	 * Whether the user's access token should be refreshed now.
	 * @param user the user
	 * @return whether it expires soon
	 */
	boolean expiring(SessionUser user);

	/**
	 * Refreshes the tokens when they expire soon, else returns the user as it is.
	 * @param request the request of the signed-in user
	 * @param user the user as this request read it
	 * @return the user with usable tokens
	 */
	SessionUser refreshIfExpiring(HttpServletRequest request, SessionUser user);

	/**
	 * Refreshes the tokens now.
	 * @param request the request of the signed-in user
	 * @param user the user as this request read it
	 * @param force whether to refresh even if another instance refreshed meanwhile
	 * @return the user with refreshed tokens
	 */
	SessionUser refresh(HttpServletRequest request, SessionUser user, boolean force);

	/**
	 * A usable access token for one of the provider's APIs, obtained first when the
	 * record has none, it expires soon, or the API refused it.
	 * @param request the request of the signed-in user
	 * @param user the user as this request read it
	 * @param api the API
	 * @param refused the token value the API just refused, or {@code null}
	 * @return the API's access token
	 */
	OAuth2AccessToken apiToken(HttpServletRequest request, SessionUser user, ApiDefinition api,
			@Nullable String refused);

}
