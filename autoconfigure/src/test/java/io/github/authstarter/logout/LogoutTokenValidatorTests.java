package io.github.authstarter.logout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.authstarter.testbed.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogoutTokenValidator}.
 */
class LogoutTokenValidatorTests {

	private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private final MutableClock clock = new MutableClock();

	private final LogoutTokenValidator validator = new LogoutTokenValidator(
			ClientRegistration.withRegistrationId("corp")
				.clientId("app")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.authorizationUri("https://sso.example.com/authorize")
				.tokenUri("https://sso.example.com/token")
				.issuerUri("https://sso.example.com")
				.build(),
			this.clock);

	@Test
	void validateWhenAValidLogoutTokenThenSuccess() {
		assertThat(this.validator.validate(token(UnaryOperator.identity())).hasErrors()).isFalse();
	}

	@Test
	void validateWhenAnyRuleOfTheSpecIsBrokenThenThatReason() {
		assertThat(problem((b) -> b.issuer("https://evil.example.com"))).isEqualTo("wrong iss");
		assertThat(problem((b) -> b.audience(List.of("other")))).isEqualTo("wrong aud");
		assertThat(problem((b) -> b.issuedAt(this.clock.instant().minus(Duration.ofHours(1)))))
			.isEqualTo("missing or unacceptable iat");
		assertThat(problem((b) -> b.issuedAt(this.clock.instant().plus(Duration.ofHours(1)))))
			.isEqualTo("missing or unacceptable iat");
		assertThat(problem((b) -> b.claim("events", Map.of("other", Map.of()))))
			.isEqualTo("missing back-channel logout event");
		assertThat(problem((b) -> b.claim("nonce", "n"))).isEqualTo("a logout_token must not contain a nonce");
		assertThat(problem((b) -> b.claims((claims) -> claims.remove("sub")))).isEqualTo("neither sid nor sub");
		assertThat(problem((b) -> b.claims((claims) -> claims.remove("jti")))).isEqualTo("missing jti");
		assertThat(problem((b) -> b.issuedAt(this.clock.instant().minus(Duration.ofMinutes(9)))
			.expiresAt(this.clock.instant().minus(Duration.ofMinutes(5))))).isEqualTo("expired");
	}

	private String problem(UnaryOperator<Jwt.Builder> change) {
		return this.validator.validate(token(change))
			.getErrors()
			.stream()
			.map(OAuth2Error::getDescription)
			.findFirst()
			.orElse(null);
	}

	private Jwt token(UnaryOperator<Jwt.Builder> change) {
		Instant now = this.clock.instant();
		Jwt.Builder builder = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.issuer("https://sso.example.com")
			.audience(List.of("app"))
			.issuedAt(now)
			.subject("alice")
			.jti("j-1")
			.claim("events", Map.of(EVENT, Map.of()));
		return change.apply(builder).build();
	}

}
