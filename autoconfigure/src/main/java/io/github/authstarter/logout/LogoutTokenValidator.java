package io.github.authstarter.logout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims checks of OIDC Back-Channel Logout 1.0, section 2.6, for one provider:
 * {@code iss}, {@code aud}, a recent {@code iat}, {@code exp} if present, the
 * back-channel {@code events} member, {@code sid} or {@code sub}, no {@code nonce}, and a
 * {@code jti} (whose replay is checked by {@link LogoutTokenReplayStore}). The signature
 * is the decoder's job.
 */
final class LogoutTokenValidator implements OAuth2TokenValidator<Jwt> {

	static final Duration MAX_AGE = Duration.ofMinutes(10);

	private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private static final Duration SKEW = Duration.ofSeconds(60);

	private final @Nullable String issuer;

	private final String clientId;

	private final Clock clock;

	LogoutTokenValidator(ClientRegistration registration, Clock clock) {
		this.issuer = registration.getProviderDetails().getIssuerUri();
		this.clientId = registration.getClientId();
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		String problem = problem(jwt);
		return (problem != null) ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_request", problem, null))
				: OAuth2TokenValidatorResult.success();
	}

	private @Nullable String problem(Jwt jwt) {
		if (this.issuer == null || jwt.getIssuer() == null || !this.issuer.equals(jwt.getIssuer().toExternalForm())) {
			return "wrong iss";
		}
		if (jwt.getAudience() == null || !jwt.getAudience().contains(this.clientId)) {
			return "wrong aud";
		}
		Instant issuedAt = jwt.getIssuedAt();
		Instant now = this.clock.instant();
		if (issuedAt == null || issuedAt.isAfter(now.plus(SKEW)) || issuedAt.isBefore(now.minus(MAX_AGE))) {
			return "missing or unacceptable iat";
		}
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(now.minus(SKEW))) {
			return "expired";
		}
		if (!(jwt.getClaims().get("events") instanceof Map<?, ?> events) || !events.containsKey(EVENT)) {
			return "missing back-channel logout event";
		}
		if (jwt.hasClaim("nonce")) {
			return "a logout_token must not contain a nonce";
		}
		if (jwt.getClaimAsString("sid") == null && jwt.getSubject() == null) {
			return "neither sid nor sub";
		}
		String jti = jwt.getId();
		if (jti == null || jti.length() > 256) {
			return "missing jti";
		}
		return null;
	}

}
