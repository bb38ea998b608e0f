package io.github.authstarter.test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.github.authstarter.session.SessionUser;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.ApiDefinition;
import io.github.authstarter.token.ApiGrant;
import io.github.authstarter.token.NoRefreshTokenException;
import io.github.authstarter.token.TokenRefresher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Token refresh in a {@code @WebMvcTest}, which has no provider: behaves like a provider
 * that always grants, issuing a new made-up access token with the lifetime the old one
 * had, so the application's refresh paths can be tested. Users without a refresh token
 * get {@link NoRefreshTokenException}, as in production.
 */
final class SliceTokenRefresher implements TokenRefresher {

	private final SessionUserStore store;

	private final Duration skew;

	SliceTokenRefresher(SessionUserStore store, Duration skew) {
		this.store = store;
		this.skew = skew;
	}

	@Override
	public boolean expiring(SessionUser user) {
		Instant expiresAt = user.accessToken().getExpiresAt();
		return expiresAt != null && !Instant.now().plus(this.skew).isBefore(expiresAt);
	}

	@Override
	public SessionUser refreshIfExpiring(HttpServletRequest request, SessionUser user) {
		return (expiring(user) && user.refreshToken() != null) ? refresh(request, user, false) : user;
	}

	@Override
	public SessionUser refresh(HttpServletRequest request, SessionUser user, boolean force) {
		if (user.refreshToken() == null) {
			throw new NoRefreshTokenException(user.provider());
		}
		OAuth2AccessToken old = user.accessToken();
		Duration lifetime = (old.getIssuedAt() != null && old.getExpiresAt() != null)
				? Duration.between(old.getIssuedAt(), old.getExpiresAt()) : Duration.ofMinutes(5);
		Instant now = Instant.now();
		OAuth2AccessToken fresh = new OAuth2AccessToken(old.getTokenType(),
				"test-access-token-" + user.subject() + "-" + UUID.randomUUID(), now, now.plus(lifetime),
				old.getScopes());
		SessionUser refreshed = user.refreshed(fresh, user.refreshToken(), user.idToken(), user.userInfo(),
				user.attributes());
		this.store.write(request, refreshed);
		return refreshed;
	}

	@Override
	public OAuth2AccessToken apiToken(HttpServletRequest request, SessionUser user, ApiDefinition api,
			@Nullable String refused) {
		if (api.grant() == ApiGrant.LOGIN) {
			return refreshIfExpiring(request, user).accessToken();
		}
		OAuth2AccessToken held = user.apiTokens().get(api.name());
		if (held != null && !held.getTokenValue().equals(refused)
				&& (held.getExpiresAt() == null || Instant.now().plus(this.skew).isBefore(held.getExpiresAt()))) {
			return held;
		}
		Instant now = Instant.now();
		OAuth2AccessToken fresh = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				"test-access-token-" + api.name() + "-" + user.subject() + "-" + UUID.randomUUID(), now,
				now.plus(Duration.ofMinutes(5)), api.scopes());
		this.store.write(request, user.withApiToken(api.name(), fresh, user.refreshToken()));
		return fresh;
	}

}
