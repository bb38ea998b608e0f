package io.github.authstarter.testbed;

import java.security.Principal;

import io.github.authstarter.user.CurrentUser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.client.RestClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application under test: nothing but the starter's auto-configuration and one
 * protected page, as a user's app would be.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity(securedEnabled = true)
public class TestApplication {

	@org.springframework.context.annotation.Bean
	RecordedEvents recordedEvents() {
		return new RecordedEvents();
	}

	@org.springframework.context.annotation.Bean
	RecordedObservations recordedObservations() {
		return new RecordedObservations();
	}

	/**
	 * The clock the starter reads the time from ({@code test.clock}, the test bed's): the
	 * application's own {@code authClock} bean, as a user's test would give it.
	 */
	@org.springframework.context.annotation.Bean(io.github.authstarter.autoconfigure.AuthClockConfiguration.BEAN_NAME)
	@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("test.clock")
	java.time.Clock authClock(@Value("${test.clock}") String name) {
		return MovableClock.named(name);
	}

	/**
	 * How soon the driver tries Redis again after losing it
	 * ({@code test.redis.reconnect-delay}): Lettuce backs off up to 30 s, which an outage
	 * test would otherwise wait out.
	 */
	@org.springframework.context.annotation.Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("test.redis.reconnect-delay")
	org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer reconnectDelay(
			@Value("${test.redis.reconnect-delay}") java.time.Duration delay) {
		return (builder) -> builder.reconnectDelay(io.lettuce.core.resource.Delay.constant(delay));
	}

	@RestController
	static class HelloController {

		private final CurrentUser currentUser;

		private final RestClient userInfo;

		private final RestClient userInfoThroughSpring;

		private final org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager> manager;

		private final org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository> repository;

		HelloController(CurrentUser currentUser,
				@Value("${auth.providers.test.issuer-uri:http://localhost}") String issuer,
				org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager> manager,
				org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository> repository) {
			this.currentUser = currentUser;
			this.repository = repository;
			this.manager = manager;
			// the same through Spring Security's own interceptor and authorized-client
			// manager, as its documentation describes it
			RestClient.Builder spring = RestClient.builder().baseUrl(issuer);
			manager.ifAvailable((available) -> spring.requestInterceptor(
					new org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor(
							available)));
			this.userInfoThroughSpring = spring.build();
			// the use case users ask for most: call the provider's API as the user
			this.userInfo = RestClient.builder()
				.baseUrl(issuer)
				.requestInterceptor(currentUser.apis().bearerToken("test"))
				.build();
		}

		/** CurrentUser as a controller method parameter. */
		@GetMapping("/api/name")
		String name(CurrentUser user) {
			return user.name();
		}

		@org.springframework.web.bind.annotation.PostMapping("/api/sign-out-everywhere")
		String signOutEverywhere() {
			return "ended " + this.currentUser.devices().signOutEverywhere();
		}

		@GetMapping("/api/userinfo")
		String userInfo() {
			return this.userInfo.get().uri("/userinfo").retrieve().body(String.class);
		}

		/** One configured API's token for the signed-in user. */
		@GetMapping({ "/api/apis/{api}/token", "/pages/apis/{api}/token" })
		String apiToken(@org.springframework.web.bind.annotation.PathVariable String api) {
			return this.currentUser.apis().tokens(api).accessToken();
		}

		/** A call to any URL with one configured API's bearer token. */
		@GetMapping("/api/apis/{api}/call")
		String callApi(@org.springframework.web.bind.annotation.PathVariable String api,
				@org.springframework.web.bind.annotation.RequestParam String url) {
			try {
				return RestClient.builder()
					.requestInterceptor(this.currentUser.apis().bearerToken("test", api))
					.build()
					.get()
					.uri(java.net.URI.create(url))
					.retrieve()
					.body(String.class);
			}
			catch (org.springframework.web.client.HttpClientErrorException ex) {
				return "api answered " + ex.getStatusCode().value();
			}
			catch (IllegalArgumentException ex) {
				return "refused: " + ex.getMessage();
			}
		}

		/** A path of one configured API through the starter's own client for it. */
		@GetMapping("/api/apis/{api}/client")
		String apiClient(@org.springframework.web.bind.annotation.PathVariable String api,
				@org.springframework.web.bind.annotation.RequestParam String path) {
			org.springframework.http.ResponseEntity<String> answer = this.currentUser.apis()
				.client("test", api)
				.build()
				.get()
				.uri(path)
				.retrieve()
				.toEntity(String.class);
			return answer.getStatusCode().value() + " " + answer.getBody();
		}

		/** The same API through an HTTP service interface and Spring's interceptor. */
		@GetMapping("/api/apis/reports/spring")
		String reportsThroughSpring(@Value("${test.api.url:http://127.0.0.1:9}") String api) {
			return ApiClient.create(this.manager.getObject(), api).reports();
		}

		/** The sign-in's own token through an HTTP service interface. */
		@GetMapping("/api/apis/spring-user")
		String userThroughSpring(@Value("${test.api.url:http://127.0.0.1:9}") String api) {
			return ApiClient.create(this.manager.getObject(), api).asUser();
		}

		/** An API of the test's own, with the user's bearer token. */
		@GetMapping("/api/external")
		String external(@Value("${test.api.url:http://127.0.0.1:9}") String api) {
			try {
				return RestClient.builder()
					.requestInterceptor(this.currentUser.apis().bearerToken("test"))
					.build()
					.get()
					.uri(api)
					.retrieve()
					.body(String.class);
			}
			catch (org.springframework.web.client.HttpClientErrorException ex) {
				return "api answered " + ex.getStatusCode().value();
			}
		}

		@GetMapping("/api/userinfo-spring")
		String userInfoThroughSpring() {
			return this.userInfoThroughSpring.get()
				.uri("/userinfo")
				.attributes(
						org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver
							.clientRegistrationId("test"))
				.retrieve()
				.body(String.class);
		}

		@GetMapping("/api/registered-client")
		String registeredClient(
				@org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient("test") org.springframework.security.oauth2.client.OAuth2AuthorizedClient client) {
			return client.getAccessToken().getTokenValue();
		}

		/** What Spring's two ways to an authorized client hand the application. */
		@GetMapping("/api/authorized-client-tokens")
		String authorizedClientTokens(
				@org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient("test") org.springframework.security.oauth2.client.OAuth2AuthorizedClient fromManager,
				org.springframework.security.core.Authentication authentication,
				jakarta.servlet.http.HttpServletRequest request) {
			org.springframework.security.oauth2.client.OAuth2AuthorizedClient fromRepository = this.repository
				.getObject()
				.loadAuthorizedClient("test", authentication, request);
			return "manager refresh token: " + (fromManager.getRefreshToken() != null) + ", repository refresh token: "
					+ (fromRepository.getRefreshToken() != null);
		}

		@GetMapping("/hello")
		String hello(Principal principal) {
			return "hello " + principal.getName();
		}

		/** A request that takes a fresh token and then works on for a while. */
		@GetMapping("/api/token-then-work")
		String tokenThenWork(@org.springframework.web.bind.annotation.RequestParam long millis)
				throws InterruptedException {
			String token = this.currentUser.tokens().accessToken();
			Thread.sleep(millis);
			return token;
		}

		/** What the user may do, as CurrentUser sees it. */
		@GetMapping("/api/authorities")
		String authorities() {
			return String.join(",", new java.util.TreeSet<>(this.currentUser.authorities()));
		}

		/** A sensitive action: the user authenticated at the provider at most 1 s ago. */
		@GetMapping({ "/sensitive", "/api/sensitive" })
		String sensitive() {
			this.currentUser.requireRecentLogin(java.time.Duration.ofSeconds(1));
			return "sensitive " + this.currentUser.subject();
		}

		/** Only with the "gold" authentication context (multi-factor, say). */
		@GetMapping("/gold")
		String gold() {
			this.currentUser.requireAcr("gold");
			return "gold " + this.currentUser.subject();
		}

		/** Only for members of the admins role, decided by Spring Security. */
		@GetMapping("/api/admin")
		@org.springframework.security.access.prepost.PreAuthorize("hasRole('admins')")
		String admin() {
			return "admin " + this.currentUser.subject();
		}

		/** The same rule through @Secured. */
		@GetMapping("/api/secured-admin")
		@org.springframework.security.access.annotation.Secured("ROLE_admins")
		String securedAdmin() {
			return "secured admin " + this.currentUser.subject();
		}

		/** What an app does before calling an API: take a fresh access token. */
		@GetMapping("/api/token")
		String token() {
			return this.currentUser.tokens().accessToken();
		}

	}

	/**
	 * An HTTP service interface, as Spring Framework 7 and Spring Security 7 document
	 * them: the registration id on the method picks the token.
	 */
	interface ApiClient {

		@org.springframework.web.service.annotation.GetExchange
		@org.springframework.security.oauth2.client.annotation.ClientRegistrationId("test/reports")
		String reports();

		@org.springframework.web.service.annotation.GetExchange
		@org.springframework.security.oauth2.client.annotation.ClientRegistrationId("test")
		String asUser();

		static ApiClient create(org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager manager,
				String url) {
			RestClient client = RestClient.builder()
				.baseUrl(url)
				.requestInterceptor(
						new org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor(
								manager))
				.build();
			return org.springframework.web.service.invoker.HttpServiceProxyFactory
				.builderFor(org.springframework.web.client.support.RestClientAdapter.create(client))
				.httpRequestValuesProcessor(
						org.springframework.security.oauth2.client.web.client.ClientRegistrationIdProcessor.DEFAULT_INSTANCE)
				.build()
				.createClient(ApiClient.class);
		}

	}

}
