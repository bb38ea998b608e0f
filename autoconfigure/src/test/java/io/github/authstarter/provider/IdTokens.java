package io.github.authstarter.provider;

import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Id tokens for validator tests.
 */
final class IdTokens {

	private IdTokens() {
	}

	static Jwt withIssuerAndTenant(String issuer, String tenantId, String audience) {
		Jwt.Builder builder = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.issuer(issuer)
			.subject("user")
			.audience(List.of(audience))
			.issuedAt(Instant.now().minusSeconds(5))
			.expiresAt(Instant.now().plusSeconds(300));
		if (tenantId != null) {
			builder.claim("tid", tenantId);
		}
		return builder.build();
	}

}
