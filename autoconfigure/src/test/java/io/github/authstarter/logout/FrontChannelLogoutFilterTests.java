package io.github.authstarter.logout;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.session.MapSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front-channel logout receiver's refusals, which touch neither Redis nor a provider:
 * a clear 4xx for bad input, for a provider that does not use front-channel logout and
 * for a request a browser says is not for an iframe, 503 when the provider cannot be
 * reached to check the issuer, never a 500, and other requests pass through. Its session
 * index has no Redis: a refusal that reached it would fail the test.
 */
class FrontChannelLogoutFilterTests {

	private static final String ISSUER = "https://sso.example.com";

	private static final String LOGOUT = "/auth/frontchannel-logout/corp?iss=" + ISSUER + "&sid=s1";

	private static final Map<String, Object> ADVERTISED = Map.of("frontchannel_logout_supported", true);

	private static final ApplicationEventPublisher NO_EVENTS = (event) -> {
	};

	@Test
	void anUnknownOrMalformedProviderIsA404() throws Exception {
		assertThat(answer((id) -> null, "/auth/frontchannel-logout/nope?iss=x&sid=y").getStatus()).isEqualTo(404);
		assertThat(answer((id) -> null, "/auth/frontchannel-logout/a%20b?iss=x&sid=y").getStatus()).isEqualTo(404);
	}

	@Test
	void aProviderThatCannotBeReachedIsA503WithRetryAfter() throws Exception {
		ClientRegistrationRepository down = (id) -> {
			throw new IllegalStateException("discovery failed");
		};
		MockHttpServletResponse response = answer(down, "/auth/frontchannel-logout/corp?iss=x&sid=y");
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache, no-store");
	}

	@Test
	void otherRequestsPassThrough() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/frontchannel-logout/corp");
		MockFilterChain chain = new MockFilterChain();
		filter((id) -> null).doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
	}

	@Test
	void doFilterWhenNotAdvertisedAndNotConfiguredThenNotFoundAndEndsNothing() throws Exception {
		MockHttpServletResponse response = answer(filter(corp(Map.of()), Map.of()), LOGOUT, null);
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentAsString()).contains("not enabled");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache, no-store");
		assertThat(response.getHeader("Content-Security-Policy")).endsWith("frame-ancestors 'none'");
	}

	@Test
	void doFilterWhenConfiguredOffThenNotFoundWithoutLookingTheProviderUp() throws Exception {
		ClientRegistrationRepository down = (id) -> {
			throw new IllegalStateException("must not be looked up");
		};
		assertThat(answer(filter(down, Map.of("corp", false)), LOGOUT, null).getStatus()).isEqualTo(404);
		FrontChannelLogoutFilter off = filter(corp(ADVERTISED), Map.of("corp", false));
		assertThat(answer(off, LOGOUT, null).getStatus()).isEqualTo(404);
	}

	@Test
	void doFilterWhenTheMetadataAdvertisesItThenTheRequestIsChecked() throws Exception {
		// no sid: refused by the checks that come after the provider is found to use it
		String withoutSid = "/auth/frontchannel-logout/corp?iss=" + ISSUER;
		assertThat(answer(filter(corp(ADVERTISED), Map.of()), withoutSid, null).getStatus()).isEqualTo(400);
		FrontChannelLogoutFilter asText = filter(corp(Map.of("frontchannel_logout_supported", "true")), Map.of());
		assertThat(answer(asText, withoutSid, null).getStatus()).isEqualTo(400);
	}

	@Test
	void doFilterWhenConfiguredOnThenServedWhateverTheMetadataSays() throws Exception {
		String withoutSid = "/auth/frontchannel-logout/corp?iss=" + ISSUER;
		FrontChannelLogoutFilter on = filter(corp(Map.of()), Map.of("corp", true));
		assertThat(answer(on, withoutSid, null).getStatus()).isEqualTo(400);
	}

	@Test
	void doFilterWhenTheBrowserSaysItIsNotForAnIframeThenForbiddenAndEndsNothing() throws Exception {
		FrontChannelLogoutFilter filter = filter(corp(ADVERTISED), Map.of());
		for (String destination : new String[] { "document", "empty", "script", "image", "frame" }) {
			MockHttpServletResponse response = answer(filter, LOGOUT, destination);
			assertThat(response.getStatus()).as("Sec-Fetch-Dest: %s", destination).isEqualTo(403);
			assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache, no-store");
		}
	}

	@Test
	void doFilterWhenTheBrowserSaysIframeOrSaysNothingThenTheRequestIsChecked() throws Exception {
		FrontChannelLogoutFilter filter = filter(corp(ADVERTISED), Map.of());
		String withoutSid = "/auth/frontchannel-logout/corp?iss=" + ISSUER;
		assertThat(answer(filter, withoutSid, "iframe").getStatus()).isEqualTo(400);
		assertThat(answer(filter, withoutSid, null).getStatus()).isEqualTo(400);
	}

	private static MockHttpServletResponse answer(ClientRegistrationRepository registrations, String uri)
			throws Exception {
		return answer(filter(registrations), uri, null);
	}

	private static MockHttpServletResponse answer(FrontChannelLogoutFilter filter, String uri,
			@Nullable String destination) throws Exception {
		String path = uri.substring(0, uri.indexOf('?'));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path.replace("%20", " "));
		for (String pair : uri.substring(uri.indexOf('?') + 1).split("&")) {
			request.addParameter(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
		}
		if (destination != null) {
			request.addHeader("Sec-Fetch-Dest", destination);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).as("answered, not passed on").isNull();
		return response;
	}

	private static FrontChannelLogoutFilter filter(ClientRegistrationRepository registrations) {
		return filter(registrations, Map.of());
	}

	private static FrontChannelLogoutFilter filter(ClientRegistration registration, Map<String, Boolean> enabled) {
		return filter((id) -> registration.getRegistrationId().equals(id) ? registration : null, enabled);
	}

	private static FrontChannelLogoutFilter filter(ClientRegistrationRepository registrations,
			Map<String, Boolean> enabled) {
		return new FrontChannelLogoutFilter("/auth/frontchannel-logout", registrations,
				new SessionIndex(new StringRedisTemplate(), "auth:"), new MapSessionRepository(new HashMap<>()),
				NO_EVENTS, enabled);
	}

	private static ClientRegistration corp(Map<String, Object> metadata) {
		return ClientRegistration.withRegistrationId("corp")
			.clientId("app")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.authorizationUri(ISSUER + "/authorize")
			.tokenUri(ISSUER + "/token")
			.issuerUri(ISSUER)
			.providerConfigurationMetadata(metadata)
			.build();
	}

}
