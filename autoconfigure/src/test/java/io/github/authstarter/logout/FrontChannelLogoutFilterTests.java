package io.github.authstarter.logout;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.session.MapSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front-channel logout receiver's refusals, which touch neither Redis nor a provider:
 * a clear 4xx for bad input, 503 when the provider cannot be reached to check the issuer,
 * never a 500, and other requests pass through.
 */
class FrontChannelLogoutFilterTests {

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

	private static MockHttpServletResponse answer(ClientRegistrationRepository registrations, String uri)
			throws Exception {
		String path = uri.substring(0, uri.indexOf('?'));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path.replace("%20", " "));
		for (String pair : uri.substring(uri.indexOf('?') + 1).split("&")) {
			request.addParameter(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter(registrations).doFilter(request, response, chain);
		assertThat(chain.getRequest()).as("answered, not passed on").isNull();
		return response;
	}

	private static FrontChannelLogoutFilter filter(ClientRegistrationRepository registrations) {
		return new FrontChannelLogoutFilter("/auth/frontchannel-logout", registrations,
				new SessionIndex(new StringRedisTemplate(), "auth:"),
				new MapSessionRepository(new java.util.HashMap<>()), (event) -> {
				});
	}

}
