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

	private static final Clock AHEAD = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

	@Test
	void aTokenKeepsItsAgeAndLifetimeOnTheStartersClock() {
		Instant received = Instant.now().minusSeconds(10);
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "a", received,
				received.plusSeconds(300), Set.of("openid"));
		OAuth2AccessToken shifted = ReceivedTokens.onClock(token, AHEAD);
		// ten seconds old on the starter's clock too: an old token saved back gets no
		// new life
		assertThat(Duration.between(shifted.getIssuedAt(), AHEAD.instant())).isBetween(Duration.ofSeconds(10),
				Duration.ofSeconds(11));
		assertThat(Duration.between(shifted.getIssuedAt(), shifted.getExpiresAt())).isEqualTo(Duration.ofSeconds(300));
		assertThat(shifted.getTokenValue()).isEqualTo("a");
		assertThat(shifted.getScopes()).containsExactly("openid");
		OAuth2RefreshToken refresh = ReceivedTokens.onClock(new OAuth2RefreshToken("r", received), AHEAD);
		assertThat(refresh.getIssuedAt()).isAfter(received.plus(Duration.ofMinutes(119)));
		assertThat(refresh.getExpiresAt()).isNull();
	}

	@Test
	void onAnyClockThatTellsTheRealTimeATokenIsLeftAsItCame() {
		Instant received = Instant.now();
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "a", received,
				received.plusSeconds(300));
		assertThat(ReceivedTokens.onClock(token, Clock.systemUTC())).isSameAs(token);
		assertThat(ReceivedTokens.onClock(token, Clock.systemDefaultZone())).isSameAs(token);
		assertThat(ReceivedTokens.onClock(token, Clock.system(ZoneOffset.ofHours(9)))).isSameAs(token);
		assertThat(ReceivedTokens.onClock((OAuth2RefreshToken) null, AHEAD)).isNull();
	}

}
