package io.github.authstarter.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.github.authstarter.testbed.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryCooldown}: a refused token obtained less than the cooldown ago is
 * not replaced, whichever instance asks.
 */
class RetryCooldownTests {

	private static final Duration COOLDOWN = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock();

	private final RetryCooldown cooldown = new RetryCooldown(COOLDOWN, this.clock);

	@Test
	void allowsRetryWhenTheRefusedTokenIsYoungerThanTheCooldownThenFalse() {
		OAuth2AccessToken held = token("refused", this.clock.instant());
		assertThat(this.cooldown.allowsRetry(held, "refused")).isFalse();
		this.clock.advance(COOLDOWN.minusSeconds(1));
		assertThat(this.cooldown.allowsRetry(held, "refused")).isFalse();
	}

	@Test
	void allowsRetryWhenTheRefusedTokenIsAsOldAsTheCooldownThenTrue() {
		OAuth2AccessToken held = token("refused", this.clock.instant());
		this.clock.advance(COOLDOWN);
		assertThat(this.cooldown.allowsRetry(held, "refused")).isTrue();
	}

	@Test
	void allowsRetryWhenTheRecordAlreadyHoldsAnotherTokenThenTrue() {
		// another request replaced the refused token: retrying with it costs no grant
		assertThat(this.cooldown.allowsRetry(token("newer", this.clock.instant()), "refused")).isTrue();
		assertThat(this.cooldown.allowsRetry(null, "refused")).isTrue();
	}

	@Test
	void allowsRetryWhenTheTokenSaysNotWhenItWasIssuedThenTrue() {
		assertThat(this.cooldown.allowsRetry(token("refused", null), "refused")).isTrue();
	}

	@Test
	void allowsRetryWhenTheCooldownIsZeroThenAlwaysTrue() {
		// issued "later" than now: another instance's clock may run a little ahead
		OAuth2AccessToken held = token("refused", this.clock.instant().plusSeconds(1));
		assertThat(new RetryCooldown(Duration.ZERO, this.clock).allowsRetry(held, "refused")).isTrue();
	}

	private static OAuth2AccessToken token(String value, @Nullable Instant issuedAt) {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, issuedAt,
				(issuedAt != null) ? issuedAt.plusSeconds(3600) : null, Set.of());
	}

}
