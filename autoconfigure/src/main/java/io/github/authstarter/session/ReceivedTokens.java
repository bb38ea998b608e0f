package io.github.authstarter.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * Puts a token just received from a provider on the starter's clock. Spring Security
 * stamps a token response with the system clock ({@code issuedAt} now, {@code expiresAt}
 * now plus {@code expires_in}); the starter judges expiry, refresh and the API retry
 * cooldown on its own clock, so a token is stamped again on that clock, keeping the
 * lifetime the provider gave it. On the system clock this changes nothing but the few
 * milliseconds between the two readings.
 */
public final class ReceivedTokens {

	private ReceivedTokens() {
	}

	/**
	 * The access token with its times on the clock.
	 * @param token a token just received
	 * @param clock the starter's clock
	 * @return the token, issued now on the clock, with the same lifetime
	 */
	public static OAuth2AccessToken onClock(OAuth2AccessToken token, Clock clock) {
		Instant issuedAt = token.getIssuedAt();
		if (issuedAt == null || clock.equals(Clock.systemUTC())) {
			return token;
		}
		Instant now = clock.instant();
		Instant expiresAt = (token.getExpiresAt() != null) ? now.plus(Duration.between(issuedAt, token.getExpiresAt()))
				: null;
		return new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), now, expiresAt, token.getScopes());
	}

	/**
	 * The refresh token with its times on the clock.
	 * @param token a token just received, or {@code null}
	 * @param clock the starter's clock
	 * @return the token, issued now on the clock, with the same lifetime
	 */
	public static @Nullable OAuth2RefreshToken onClock(@Nullable OAuth2RefreshToken token, Clock clock) {
		if (token == null || token.getIssuedAt() == null || clock.equals(Clock.systemUTC())) {
			return token;
		}
		Instant now = clock.instant();
		Instant expiresAt = (token.getExpiresAt() != null)
				? now.plus(Duration.between(token.getIssuedAt(), token.getExpiresAt())) : null;
		return new OAuth2RefreshToken(token.getTokenValue(), now, expiresAt);
	}

}
