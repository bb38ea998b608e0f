package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.authstarter.provider.AppleUserOidcUserService;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.IssuerDiscovery;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AppleUserOidcUserService}: Apple's one-time {@code user} field becomes
 * name claims; anything else in it, or in another provider's callback, is ignored.
 */
class AppleUserOidcUserServiceTests {

	private final ProviderRegistrations registrations = new DiscoveringClientRegistrationRepository(
			List.of(ProviderDefinitionMapperTests.map("apple", "client-secret", "pre-signed")),
			new IssuerDiscovery(ProviderHttpClients.withTimeout(Duration.ofSeconds(1))), Duration.ofSeconds(1),
			Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC());

	private final OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(60),
			Map.of("sub", "001234.abcd", "iss", "https://appleid.apple.com", "email", "jane@privaterelay.appleid.com"));

	private final AppleUserOidcUserService service = new AppleUserOidcUserService(
			(request) -> new DefaultOidcUser(List.of(), this.idToken), this.registrations);

	@AfterEach
	void clear() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void theFirstSignInsNameBecomesClaims() {
		callback("{\"name\":{\"firstName\":\"Jane\",\"lastName\":\"Appleseed\"},\"email\":\"attacker@example.com\"}");
		OidcUser user = load();
		assertThat(user.getGivenName()).isEqualTo("Jane");
		assertThat(user.getFamilyName()).isEqualTo("Appleseed");
		assertThat(user.getFullName()).isEqualTo("Jane Appleseed");
		assertThat(user.getEmail()).as("the id token's email only").isEqualTo("jane@privaterelay.appleid.com");
		assertThat(user.getUserInfo().getSubject()).isEqualTo("001234.abcd");
	}

	@Test
	void laterSignInsAndBadFieldsLeaveTheUserNameless() {
		assertThat(load().getUserInfo()).isNull();
		callback("not json");
		assertThat(load().getUserInfo()).isNull();
		callback("{\"name\":\"Jane\"}");
		assertThat(load().getUserInfo()).isNull();
		callback("{\"name\":{\"firstName\":\"" + "x".repeat(5000) + "\"}}");
		assertThat(load().getUserInfo()).isNull();
	}

	private void callback(String user) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login/oauth2/code/apple");
		request.setParameter("user", user);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
	}

	private OidcUser load() {
		return this.service.loadUser(new OidcUserRequest(this.registrations.findByRegistrationId("apple"),
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "a", Instant.now(),
						Instant.now().plusSeconds(60)),
				this.idToken));
	}

}
