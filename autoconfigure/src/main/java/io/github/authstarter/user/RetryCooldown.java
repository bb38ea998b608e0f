package io.github.authstarter.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Decides whether an API's {@code 401} may cost a new token: not while the refused token
 * is younger than {@code auth.apis.retry-cooldown}, so an API that refuses every token
 * costs at most one grant per cooldown, API and session instead of one per request.
 */
final class RetryCooldown {

	/** The default of {@code auth.apis.retry-cooldown}. */
	static final Duration DEFAULT = Duration.ofSeconds(30);

	private final Duration cooldown;

	private final Clock clock;

	RetryCooldown(Duration cooldown, Clock clock) {
		this.cooldown = cooldown;
		this.clock = clock;
	}

	/**
	 * Whether to retry after the API refused {@code refused}.
	 * @param held the token the session record holds for the API now, or {@code null}
	 * @param refused the token the API refused
	 * @return {@code false} when the API's answer stands
	 */
	boolean allowsRetry(@Nullable OAuth2AccessToken held, String refused) {
		if (this.cooldown.isZero() || held == null || !held.getTokenValue().equals(refused)) {
			// off, or replaced meanwhile: retrying with the replacement costs no grant
			return true;
		}
		// The age is the token's own issuedAt in the session record rather than a time
		// kept on this instance: the record is shared, so every instance sees the same
		// age (N instances still cost one grant per cooldown) and nothing grows with the
		// number of sessions. A token obtained moments ago for another reason (the
		// sign-in, a refresh before expiry) counts too: the provider would answer the
		// refusal with the same kind of token. The record keeps issuedAt to the second,
		// on the starter's clock (ReceivedTokens), which this cooldown is measured on.
		Instant issuedAt = held.getIssuedAt();
		return issuedAt == null || !this.clock.instant().isBefore(issuedAt.plus(this.cooldown));
	}

}
