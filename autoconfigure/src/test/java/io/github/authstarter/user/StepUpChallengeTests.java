package io.github.authstarter.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StepUpChallenge}.
 */
class StepUpChallengeTests {

	private static final String ASKS = "Bearer error=\"insufficient_user_authentication\", ";

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
						+ "error=\"insufficient_claims\", claims=\"" + base64(claims) + "\""));
		assertThat(challenge).isEqualTo(new StepUpChallenge(null, null, claims));
	}

	@Test
	void aPlusInTheClaimsIsEscapedForItWouldBeASpaceInAQueryString() {
		String claims = "{\"access_token\":{\"acrs\":{\"value\":\"c+1\"}}}";
		StepUpChallenge challenge = StepUpChallenge
			.from(List.of("Bearer error=\"insufficient_claims\", claims=\"" + base64(claims) + "\""));
		assertThat(challenge).isNotNull();
		assertThat(challenge.claims()).isEqualTo("{\"access_token\":{\"acrs\":{\"value\":\"c\\u002b1\"}}}");
	}

	@Test
	void refusesWhatNoLoginShouldBeAskedFor() {
		List<String> headers = new ArrayList<>();
		// nothing to ask for, or nothing readable
		headers.add("Bearer error=\"insufficient_user_authentication\"");
		headers.add(ASKS + "max_age=\"-1\"");
		headers.add(ASKS + "acr_values=\"gold\", max_age=\"soon\"");
		headers.add("Bearer error=\"insufficient_claims\"");
		headers.add("Bearer error=\"insufficient_claims\", claims=\"bm90IGpzb24=\"");
		headers.add("Bearer error=\"insufficient_claims\", claims=\"W10=\"");
		headers.add("Bearer error=\"insufficient_claims\", claims=\"e30=\"");
		headers.add("Bearer error=\"insufficient_claims\", claims=\"e30=!!\"");
		headers.add("Bearer error=\"insufficient_claims\", claims=\"");
		headers.add("Basic error=\"insufficient_user_authentication\", acr_values=\"gold\"");
		headers.add("error=\"insufficient_user_authentication\", acr_values=\"gold\"");
		headers.add("Bearer error=\"invalid_token\", acr_values=\"gold\"");
		headers.add("= = ,,, \"");
		headers.add("");
		// more than an access token's claims, or too many
		headers.add(claims("{\"id_token\":{\"email\":{\"value\":\"a@b\"}}}"));
		headers.add(claims("{\"access_token\":{\"acrs\":{\"value\":\"c1\"}},\"userinfo\":{\"email\":null}}"));
		headers.add(claims("{\"access_token\":{}}"));
		headers.add(claims("{\"access_token\":{\"a\":\"" + "x".repeat(5000) + "\"}}"));
		// acr values a session record or a query string would read otherwise
		headers.add(ASKS + "acr_values=\"gold\r\nX-Injected: 1\"");
		headers.add(ASKS + "acr_values=\"-\"");
		headers.add(ASKS + "acr_values=\"gold -\"");
		headers.add(ASKS + "acr_values=\"a+b\"");
		headers.add(ASKS + "acr_values=\"a\\\\b\"");
		headers.add(ASKS + "acr_values=\"a\\\"b\"");
		headers.add(ASKS + "acr_values=\"" + "a ".repeat(11).trim() + "\"");
		// limits: a header past 8 KB, a challenge past 32 parameters
		headers.add("Bearer x=\"" + "y".repeat(8200) + "\", error=\"insufficient_user_authentication\", "
				+ "acr_values=\"gold\"");
		headers.add("Bearer " + "p=1, ".repeat(40) + "error=\"insufficient_user_authentication\", acr_values=\"gold\"");
		for (String header : headers) {
			assertThat(StepUpChallenge.from(List.of(header))).as(header).isNull();
		}
		// and within them, the same challenge is read
		assertThat(StepUpChallenge.from(List
			.of("Bearer " + "p=1, ".repeat(20) + "error=\"insufficient_user_authentication\", acr_values=\"gold\"")))
			.isNotNull();
	}

	@Test
	void aStepUpErrorIsNamedEvenWhenItCannotBeRead() {
		assertThat(StepUpChallenge.named(List.of("Bearer error=\"insufficient_claims\", claims=\"!\""))).isTrue();
		assertThat(StepUpChallenge.named(List.of("Bearer error=\"invalid_token\""))).isFalse();
		// only the error parameter of a Bearer or DPoP challenge counts
		assertThat(StepUpChallenge
			.named(List.of("Bearer error=\"invalid_token\", error_description=\"not insufficient_claims\""))).isFalse();
		assertThat(StepUpChallenge.named(List.of("Basic error=\"insufficient_claims\""))).isFalse();
	}

	private static String claims(String json) {
		return "Bearer error=\"insufficient_claims\", claims=\"" + base64(json) + "\"";
	}

	private static String base64(String json) {
		return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
