package io.github.authstarter.flow;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClaimsStepUps}.
 */
class ClaimsStepUpsTests {

	private static final String C1 = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";

	private static final String C2 = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c2\"}}}";

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private final MockHttpSession session = new MockHttpSession();

	@Test
	void aPendingDemandGoesToTheNextLoginWithoutPromptLogin() {
		StepUp.request(this.session, "corp", null, null, C1);
		MockHttpServletRequest start = new MockHttpServletRequest();
		start.setSession(this.session);
		assertThat(StepUp.take(start, "corp")).containsExactly(Map.entry("claims", C1));
		assertThat(StepUp.take(start, "other")).isEmpty();
	}

	@Test
	void onlyTheLoginThatAskedForTheClaimsAnswersThem() {
		StepUp.request(this.session, "corp", null, null, C1);
		// a login started before the API asked, landing late
		ClaimsStepUps.loginAsked(this.session, "corp", null);
		assertThat(ClaimsStepUps.pending(this.session, "corp")).isEqualTo(C1);
		assertThat(ClaimsStepUps.answered(this.session, "corp", C1)).isFalse();
		ClaimsStepUps.loginAsked(this.session, "corp", C1);
		assertThat(ClaimsStepUps.pending(this.session, "corp")).isNull();
		assertThat(ClaimsStepUps.answered(this.session, "corp", C1)).isTrue();
		assertThat(ClaimsStepUps.answered(this.session, "other", C1)).isFalse();
	}

	@Test
	void theLatestFourAnsweredClaimsAreRemembered() {
		for (int i = 0; i < 5; i++) {
			ClaimsStepUps.loginAsked(this.session, "corp", C1.replace("c1", "c" + (10 + i)));
		}
		assertThat(ClaimsStepUps.answered(this.session, "corp", C1.replace("c1", "c10"))).isFalse();
		assertThat(ClaimsStepUps.answered(this.session, "corp", C1.replace("c1", "c14"))).isTrue();
		assertThat(ClaimsStepUps.answered(this.session, "corp", C1.replace("c1", "c11"))).isTrue();
	}

	@Test
	void apisStartAtMostThreeStepUpsInTenMinutes() {
		assertThat(ClaimsStepUps.spend(this.session, "corp", NOW)).isTrue();
		assertThat(ClaimsStepUps.spend(this.session, "corp", NOW.plusSeconds(60))).isTrue();
		assertThat(ClaimsStepUps.spend(this.session, "corp", NOW.plusSeconds(120))).isTrue();
		assertThat(ClaimsStepUps.spend(this.session, "corp", NOW.plusSeconds(180))).isFalse();
		assertThat(ClaimsStepUps.spend(this.session, "corp", NOW.plusSeconds(599))).isFalse();
		assertThat(ClaimsStepUps.spend(this.session, "corp", NOW.plusSeconds(600))).isTrue();
	}

	@Test
	void configuredClaimsAndAnApisAreMergedMemberByMember() {
		String configured = "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}},\"id_token\":{\"auth_time\":null}}";
		assertThat(ClaimsStepUps.merge(configured, C1))
			.isEqualTo("{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]},"
					+ "\"acrs\":{\"essential\":true,\"value\":\"c1\"}},\"id_token\":{\"auth_time\":null}}");
		assertThat(ClaimsStepUps.merge(C2, C1)).isEqualTo(C1);
		assertThat(ClaimsStepUps.merge("not json", C1)).isEqualTo(C1);
	}

}
