package io.github.authstarter.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * Puts a token received from a provider on the starter's clock. Spring Security stamps a
 * token response with the system clock ({@code issuedAt} now, {@code expiresAt} now plus
 * {@code expires_in}); the starter judges expiry, refresh and the API retry cooldown on
 * its own clock ({@code authClock}), so both times are shifted by how far that clock is
 * from the system clock. A token keeps its real age and lifetime; on any clock that tells
 * the real time (whatever its zone) nothing changes.
 */
public final class ReceivedTokens {

	/** Less than this apart, a clock tells the real time: nothing is shifted. */
	private static final Duration REAL_TIME = Duration.ofMillis(50);

	private ReceivedTokens() {
	}

	/**
	 * The access token with its times on the clock.
	 * @param token a token received
	 * @param clock the starter's clock
	 * @return the token, its times shifted onto the clock
	 */
	public static OAuth2AccessToken onClock(OAuth2AccessToken token, Clock clock) {
		Duration offset = offset(clock);
		if (token.getIssuedAt() == null || offset.isZero()) {
			return token;
		}
		return new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), token.getIssuedAt().plus(offset),
				shifted(token.getExpiresAt(), offset), token.getScopes());
	}

	/**
	 * The refresh token with its times on the clock.
	 * @param token a token received, or {@code null}
	 * @param clock the starter's clock
	 * @return the token, its times shifted onto the clock
	 */
	public static @Nullable OAuth2RefreshToken onClock(@Nullable OAuth2RefreshToken token, Clock clock) {
		if (token == null || token.getIssuedAt() == null) {
			return token;
		}
		Duration offset = offset(clock);
		return offset.isZero() ? token : new OAuth2RefreshToken(token.getTokenValue(), token.getIssuedAt().plus(offset),
				shifted(token.getExpiresAt(), offset));
	}

	private static Duration offset(Clock clock) {
		Duration offset = Duration.between(Instant.now(), clock.instant());
		return (offset.abs().compareTo(REAL_TIME) < 0) ? Duration.ZERO : offset;
	}

	private static @Nullable Instant shifted(@Nullable Instant time, Duration offset) {
		return (time != null) ? time.plus(offset) : null;
	}

}
