package io.github.authstarter.flow;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link FlowRecord}: the JSON round trip of what is stored in Redis.
 */
class FlowRecordTests {

	private final OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
		.authorizationUri("https://idp.example.com/authorize")
		.clientId("client")
		.redirectUri("https://app.example.com/login/oauth2/code/corp")
		.scopes(Set.of("openid", "email"))
		.state("the-state")
		.additionalParameters(Map.of("nonce", "nonce-hash", "code_challenge", "challenge", "code_challenge_method",
				"S256", "prompt", "login"))
		.attributes(Map.of("registration_id", "corp", "nonce", "the-nonce", "code_verifier", "verifier"))
		.authorizationRequestUri("https://idp.example.com/authorize?client_id=client&state=the-state")
		.build();

	@Test
	void jsonRoundTripKeepsEverythingButTheState() {
		FlowRecord record = new FlowRecord("corp", this.request, "/hello?x=1", "binding-hash",
				Instant.parse("2026-11-22T08:00:00Z"));
		String json = record.toJson();
		assertThat(json).doesNotContain("the-state").doesNotContain("java.").doesNotContain("@class");
		FlowRecord read = FlowRecord.fromJson(json, "the-state");
		assertThat(read.provider()).isEqualTo("corp");
		assertThat(read.redirect()).isEqualTo("/hello?x=1");
		assertThat(read.bindingHash()).isEqualTo("binding-hash");
		assertThat(read.created()).isEqualTo(record.created());
		OAuth2AuthorizationRequest rebuilt = read.authorizationRequest();
		assertThat(rebuilt.getState()).isEqualTo("the-state");
		assertThat(rebuilt.getAuthorizationUri()).isEqualTo(this.request.getAuthorizationUri());
		assertThat(rebuilt.getAuthorizationRequestUri()).contains("state=the-state");
		assertThat(rebuilt.getClientId()).isEqualTo("client");
		assertThat(rebuilt.getRedirectUri()).isEqualTo(this.request.getRedirectUri());
		assertThat(rebuilt.getScopes()).isEqualTo(this.request.getScopes());
		assertThat(rebuilt.getAdditionalParameters()).isEqualTo(this.request.getAdditionalParameters());
		assertThat(rebuilt.getAttributes()).isEqualTo(this.request.getAttributes());
	}

	@Test
	void fromJsonWhenGarbageOrOtherVersionThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> FlowRecord.fromJson("not json", "s"));
		assertThatIllegalArgumentException().isThrownBy(() -> FlowRecord.fromJson("{\"v\":2}", "s"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FlowRecord.fromJson("{\"v\":1,\"@class\":\"java.lang.Runtime\"}", "s"));
	}

}
