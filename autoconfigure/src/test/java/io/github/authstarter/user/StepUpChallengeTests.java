package io.github.authstarter.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepUpChallengeTests {

	@Test
	void readsRfc9470AmongOtherChallenges() {
		StepUpChallenge challenge = StepUpChallenge.from(List.of("DPoP algs=\"ES256 PS256\", Bearer realm=\"api\", "
				+ "error=\"insufficient_user_authentication\", error_description=\"say \\\"more\\\"\", "
				+ "acr_values=\"urn:mace:incommon:iap:silver gold\", max_age=\"300\""));
		assertThat(challenge)
			.isEqualTo(new StepUpChallenge(Duration.ofMinutes(5), "urn:mace:incommon:iap:silver gold", null));
	}

	@Test
	void readsAnUnquotedMaxAgeUnderTheDpopScheme() {
		assertThat(StepUpChallenge.from(List.of("DPoP error=\"insufficient_user_authentication\", max_age=0")))
			.isEqualTo(new StepUpChallenge(Duration.ZERO, null, null));
	}

	@Test
	void readsEntrasClaimsChallenge() {
		String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1604106651\"}}}";
		StepUpChallenge challenge = StepUpChallenge.from(List.of("Basic realm=\"x\"",
				"Bearer realm=\"\", "
						+ "authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
						+ "error=\"insufficient_claims\", claims=\""
						+ Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\""));
		assertThat(challenge).isEqualTo(new StepUpChallenge(null, null, claims));
	}

	@Test
	void refusesWhatNoLoginShouldBeAskedFor() {
		String oversized = Base64.getEncoder()
			.encodeToString(("{\"a\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8));
		for (String header : List.of("Bearer error=\"insufficient_user_authentication\"",
				"Bearer error=\"insufficient_user_authentication\", acr_values=\"gold\r\nX-Injected: 1\"",
				"Bearer error=\"insufficient_user_authentication\", max_age=\"-1\"",
				"Bearer error=\"insufficient_user_authentication\", acr_values=\"gold\", max_age=\"soon\"",
				"Bearer error=\"insufficient_claims\"", "Bearer error=\"insufficient_claims\", claims=\"bm90IGpzb24=\"",
				"Bearer error=\"insufficient_claims\", claims=\"W10=\"",
				"Bearer error=\"insufficient_claims\", claims=\"e30=\"",
				"Bearer error=\"insufficient_claims\", claims=\"" + oversized + "\"",
				"Basic error=\"insufficient_user_authentication\", acr_values=\"gold\"",
				"error=\"insufficient_user_authentication\", acr_values=\"gold\"",
				"Bearer error=\"invalid_token\", acr_values=\"gold\"",
				"Bearer error=\"insufficient_claims\", claims=\"", "= = ,,, \"", "")) {
			assertThat(StepUpChallenge.from(List.of(header))).as(header).isNull();
		}
	}

	@Test
	void aStepUpErrorIsNamedEvenWhenItCannotBeRead() {
		assertThat(StepUpChallenge.named(List.of("Bearer error=\"insufficient_claims\", claims=\"!\""))).isTrue();
		assertThat(StepUpChallenge.named(List.of("Bearer error=\"invalid_token\""))).isFalse();
	}

}
