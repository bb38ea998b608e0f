package io.github.authstarter.user;

import java.time.Instant;
import java.util.Set;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.token.TokenRefresher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in user's tokens. {@link #accessToken()} refreshes first when the token
 * expires within the configured skew; the refresh token is only handed out when the
 * provider's {@code expose-tokens} lists {@code refresh}.
 */
public final class UserTokens {

	private final HttpServletRequest request;

	private final SessionUser user;

	private final TokenRefresher refresher;

	private final TokenExposure exposure;

	UserTokens(HttpServletRequest request, SessionUser user, TokenRefresher refresher, TokenExposure exposure) {
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
		return this.refresher.refreshIfExpiring(this.request, this.user).accessToken().getTokenValue();
	}

	/**
	 * When the current access token expires, without refreshing.
	 * @return the expiry, or {@code null} if the provider did not say
	 */
	public @Nullable Instant accessTokenExpiresAt() {
		return this.user.accessToken().getExpiresAt();
	}

	/**
	 * The scopes the access token was granted.
	 * @return the scopes
	 */
	public Set<String> scopes() {
		return this.user.accessToken().getScopes();
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
		return "UserTokens[provider=" + this.user.provider() + ", accessTokenExpiresAt=" + accessTokenExpiresAt() + "]";
	}

}
