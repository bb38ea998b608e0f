package io.github.authstarter.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReceivedTokens}.
 */
class ReceivedTokensTests {

	private static final Instant RECEIVED = Instant.parse("2026-12-06T10:00:00Z");

	private static final Clock AHEAD = Clock.fixed(RECEIVED.plus(Duration.ofHours(2)), ZoneOffset.UTC);

	@Test
	void aTokenKeepsItsLifetimeOnTheStartersClock() {
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "a", RECEIVED,
				RECEIVED.plusSeconds(300), Set.of("openid"));
		OAuth2AccessToken stamped = ReceivedTokens.onClock(token, AHEAD);
		assertThat(stamped.getIssuedAt()).isEqualTo(AHEAD.instant());
		assertThat(stamped.getExpiresAt()).isEqualTo(AHEAD.instant().plusSeconds(300));
		assertThat(stamped.getTokenValue()).isEqualTo("a");
		assertThat(stamped.getScopes()).containsExactly("openid");
		OAuth2RefreshToken refresh = ReceivedTokens.onClock(new OAuth2RefreshToken("r", RECEIVED), AHEAD);
		assertThat(refresh.getIssuedAt()).isEqualTo(AHEAD.instant());
		assertThat(refresh.getExpiresAt()).isNull();
	}

	@Test
	void onTheSystemClockATokenIsLeftAsItCame() {
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "a", RECEIVED,
				RECEIVED.plusSeconds(300));
		assertThat(ReceivedTokens.onClock(token, Clock.systemUTC())).isSameAs(token);
		assertThat(ReceivedTokens.onClock((OAuth2RefreshToken) null, AHEAD)).isNull();
	}

}
