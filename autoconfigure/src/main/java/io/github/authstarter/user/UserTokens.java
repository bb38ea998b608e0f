package io.github.authstarter.user;

import java.time.Instant;
import java.util.Set;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.token.ApiDefinition;
import io.github.authstarter.token.ApiGrant;
import io.github.authstarter.token.ApiTokenRefusedException;
import io.github.authstarter.token.TokenRefresher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The signed-in user's tokens, or those of one API
 * ({@code currentUser.apis().tokens("graph")}). {@link #accessToken()} refreshes first
 * when the token expires within the configured skew; the refresh token is only handed out
 * when the provider's {@code expose-tokens} lists {@code refresh}.
 */
public final class UserTokens {

	private final HttpServletRequest request;

	private final SessionUser user;

	private final TokenRefresher refresher;

	private final TokenExposure exposure;

	private final @Nullable ApiDefinition api;

	UserTokens(HttpServletRequest request, SessionUser user, TokenRefresher refresher, TokenExposure exposure,
			@Nullable ApiDefinition api) {
		this.api = api;
		this.request = request;
		this.user = user;
		this.refresher = refresher;
		this.exposure = exposure;
	}

	/**
	 * An access token valid for at least the configured skew, refreshed on the server
	 * first when needed.
	 * @return the access token value
	 */
	public String accessToken() {
		if (this.api != null) {
			return apiToken(this.request, this.user, this.refresher, this.api, null).getTokenValue();
		}
		return this.refresher.refreshIfExpiring(this.request, this.user).accessToken().getTokenValue();
	}

	static OAuth2AccessToken apiToken(HttpServletRequest request, SessionUser user, TokenRefresher refresher,
			ApiDefinition api, @Nullable String refused) {
		try {
			return refresher.apiToken(request, user, api, refused);
		}
		catch (ApiTokenRefusedException ex) {
			throw new ConsentRequiredException(api.provider(), api.name(), ex.error());
		}
	}

	private @Nullable OAuth2AccessToken current() {
		if (this.api == null || this.api.grant() == ApiGrant.LOGIN) {
			return this.user.accessToken();
		}
		return this.user.apiTokens().get(this.api.name());
	}

	/**
	 * When the current access token expires, without refreshing.
	 * @return the expiry, or {@code null} if the provider did not say
	 */
	public @Nullable Instant accessTokenExpiresAt() {
		OAuth2AccessToken current = current();
		return (current != null) ? current.getExpiresAt() : null;
	}

	/**
	 * The scopes the access token was granted.
	 * @return the scopes
	 */
	public Set<String> scopes() {
		OAuth2AccessToken current = current();
		return (current != null) ? current.getScopes() : Set.of();
	}

	/**
	 * The id token.
	 * @return the id token value, or {@code null} for OAuth2-only providers
	 */
	public @Nullable String idToken() {
		return (this.user.idToken() != null) ? this.user.idToken().getTokenValue() : null;
	}

	/**
	 * The refresh token, a long-lived credential.
	 * @return the refresh token value, or {@code null} if the provider issued none
	 * @throws IllegalStateException unless {@code expose-tokens} lists {@code refresh}
	 */
	public @Nullable String refreshToken() {
		if (!this.exposure.exposes(this.user.provider(), TokenKind.REFRESH)) {
			throw new IllegalStateException("The refresh token stays on the server; list 'refresh' in auth.providers."
					+ this.user.provider() + ".expose-tokens to hand it out");
		}
		return (this.user.refreshToken() != null) ? this.user.refreshToken().getTokenValue() : null;
	}

	@Override
	public String toString() {
		return "UserTokens[provider=" + this.user.provider() + ((this.api != null) ? ", api=" + this.api.name() : "")
				+ ", accessTokenExpiresAt=" + accessTokenExpiresAt() + "]";
	}

}
