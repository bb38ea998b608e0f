package io.github.authstarter.flow;

import java.time.Instant;
import java.util.Map;

import io.github.authstarter.access.RequestedAuthentication;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Reauthentication}.
 */
class ReauthenticationTests {

	private static final Instant AUTH_TIME = Instant.parse("2026-12-06T10:00:00Z");

	private final MockHttpSession session = new MockHttpSession();

	/** The claims a step-up asked the next login for, or {@code null}. */
	private String claimsAsked;

	@Test
	void recordLoginWhenTheLoginAskedForNothingThenNothingIsProved() {
		login(Map.of("max_age", "300"), "alice", "gold");
		login(Map.of(), "alice", "gold");
		assertThat(Reauthentication.authenticatedAt(this.session, "corp", "alice")).isNull();
		assertThat(Reauthentication.acr(this.session, "corp", "alice")).isNull();
	}

	@Test
	void recordLoginWhenMaxAgeAskedThenOnlyTheAuthTimeIsProved() {
		login(Map.of("max_age", "300"), "alice", "gold");
		assertThat(Reauthentication.authenticatedAt(this.session, "corp", "alice")).isEqualTo(AUTH_TIME);
		assertThat(Reauthentication.acr(this.session, "corp", "alice")).isNull();
	}

	@Test
	void recordLoginWhenAStepUpForAcrFollowsOneForARecentLoginThenBothStayProved() {
		login(Map.of("max_age", "300"), "alice", null);
		login(Map.of("acr_values", "silver gold"), "alice", "gold");
		assertThat(Reauthentication.authenticatedAt(this.session, "corp", "alice")).isEqualTo(AUTH_TIME);
		assertThat(Reauthentication.acr(this.session, "corp", "alice")).isEqualTo("gold");
	}

	@Test
	void recordLoginWhenAnotherUserStepsUpThenNothingOfTheFirstIsKept() {
		login(Map.of("max_age", "300"), "alice", null);
		login(Map.of("acr_values", "gold"), "mallory", "gold");
		assertThat(Reauthentication.authenticatedAt(this.session, "corp", "mallory")).isNull();
		assertThat(Reauthentication.acr(this.session, "corp", "mallory")).isEqualTo("gold");
		assertThat(Reauthentication.acr(this.session, "corp", "alice")).isNull();
	}

	@Test
	void recordLoginWhenAStepUpSucceedsThenItIsConsumed() {
		this.session.setAttribute(StepUp.SESSION_ATTRIBUTE, "corp 300 -");
		login(Map.of("max_age", "300"), "alice", null);
		assertThat(this.session.getAttribute(StepUp.SESSION_ATTRIBUTE)).isNull();
	}

	@Test
	void recordLoginWhenALoginForAnApisClaimsFollowsAStepUpForAcrThenTheAcrStaysProved() {
		login(Map.of("acr_values", "gold"), "alice", "gold");
		login(Map.of("claims", "{\"access_token\":{\"acrs\":{\"value\":\"c1\"}}}"), "alice", null);
		// configured claims alone, on every login: no step-up, nothing kept
		assertThat(Reauthentication.acr(this.session, "corp", "alice")).isNull();
		login(Map.of("acr_values", "gold"), "alice", "gold");
		this.claimsAsked = "{\"access_token\":{\"acrs\":{\"value\":\"c1\"}}}";
		login(Map.of("claims", this.claimsAsked), "alice", null);
		assertThat(Reauthentication.acr(this.session, "corp", "alice")).isEqualTo("gold");
	}

	@Test
	void readWhenTheRecordIsOfAnotherProviderOrMalformedThenNothing() {
		this.session.setAttribute(Reauthentication.SESSION_ATTRIBUTE, "other 1 gold alice");
		assertThat(Reauthentication.acr(this.session, "corp", "alice")).isNull();
		this.session.setAttribute(Reauthentication.SESSION_ATTRIBUTE, "corp soon gold alice");
		assertThat(Reauthentication.authenticatedAt(this.session, "corp", "alice")).isNull();
		assertThat(Reauthentication.acr(null, "corp", "alice")).isNull();
	}

	private void login(Map<String, Object> requested, String subject, String acr) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(RequestedAuthentication.REQUEST_ATTRIBUTE, requested);
		request.setAttribute(ClaimsStepUps.ASKED_ATTRIBUTE, this.claimsAsked);
		OidcIdToken.Builder idToken = OidcIdToken.withTokenValue("id")
			.subject(subject)
			.issuedAt(AUTH_TIME)
			.expiresAt(AUTH_TIME.plusSeconds(60))
			.authTime(AUTH_TIME);
		if (acr != null) {
			idToken.authenticationContextClass(acr);
		}
		Reauthentication.recordLogin(request, this.session, "corp", idToken.build());
	}

}
