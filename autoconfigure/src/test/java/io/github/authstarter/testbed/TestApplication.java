package io.github.authstarter.testbed;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.TreeSet;

import io.github.authstarter.autoconfigure.AuthClockConfiguration;
import io.github.authstarter.user.CurrentUser;
import io.github.authstarter.web.AuthError;
import io.lettuce.core.resource.Delay;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.annotation.ClientRegistrationId;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.ClientRegistrationIdProcessor;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The application under test: nothing but the starter's auto-configuration and one
 * protected page, as a user's app would be.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableMethodSecurity(securedEnabled = true)
public class TestApplication {

	@Bean
	RecordedEvents recordedEvents() {
		return new RecordedEvents();
	}

	@Bean
	RecordedObservations recordedObservations() {
		return new RecordedObservations();
	}

	/**
	 * The clock the starter reads the time from ({@code test.clock}, the test bed's): the
	 * application's own {@code authClock} bean, as a user's test would give it.
	 */
	@Bean(AuthClockConfiguration.BEAN_NAME)
	@ConditionalOnProperty("test.clock")
	Clock authClock(@Value("${test.clock}") String name) {
		return MovableClock.named(name);
	}

	/**
	 * How soon the driver tries Redis again after losing it
	 * ({@code test.redis.reconnect-delay}): Lettuce backs off up to 30 s, which an outage
	 * test would otherwise wait out.
	 */
	@Bean
	@ConditionalOnProperty("test.redis.reconnect-delay")
	ClientResourcesBuilderCustomizer reconnectDelay(@Value("${test.redis.reconnect-delay}") Duration delay) {
		return (builder) -> builder.reconnectDelay(Delay.constant(delay));
	}

	@RestController
	static class HelloController {

		private final CurrentUser currentUser;

		private final RestClient userInfo;

		private final RestClient userInfoThroughSpring;

		private final RestClient userInfoThroughSpringWithProofs;

		private final ObjectProvider<OAuth2AuthorizedClientManager> manager;

		private final ObjectProvider<OAuth2AuthorizedClientRepository> repository;

		HelloController(CurrentUser currentUser,
				@Value("${auth.providers.test.issuer-uri:http://localhost}") String issuer,
				ObjectProvider<OAuth2AuthorizedClientManager> manager,
				ObjectProvider<OAuth2AuthorizedClientRepository> repository) {
			this.currentUser = currentUser;
			this.repository = repository;
			this.manager = manager;
			// the same through Spring Security's own interceptor and authorized-client
			// manager, as its documentation describes it
			RestClient.Builder spring = RestClient.builder().baseUrl(issuer);
			manager.ifAvailable(
					(available) -> spring.requestInterceptor(new OAuth2ClientHttpRequestInterceptor(available)));
			this.userInfoThroughSpring = spring.build();
			// and followed by the starter's, which sends a DPoP-bound token with a proof
			this.userInfoThroughSpringWithProofs = spring.clone()
				.requestInterceptor(currentUser.apis().dpopProofs())
				.build();
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

		@PostMapping("/api/sign-out-everywhere")
		String signOutEverywhere() {
			return "ended " + this.currentUser.devices().signOutEverywhere();
		}

		@GetMapping("/api/userinfo")
		String userInfo() {
			return this.userInfo.get().uri("/userinfo").retrieve().body(String.class);
		}

		/** One configured API's token for the signed-in user. */
		@GetMapping({ "/api/apis/{api}/token", "/pages/apis/{api}/token" })
		String apiToken(@PathVariable String api) {
			return this.currentUser.apis().tokens(api).accessToken();
		}

		/** A call to any URL with one configured API's bearer token. */
		@GetMapping({ "/api/apis/{api}/call", "/pages/apis/{api}/call" })
		String callApi(@PathVariable String api, @RequestParam String url) {
			try {
				return RestClient.builder()
					.requestInterceptor(this.currentUser.apis().bearerToken("test", api))
					.build()
					.get()
					.uri(URI.create(url))
					.retrieve()
					.body(String.class);
			}
			catch (HttpClientErrorException ex) {
				return "api answered " + ex.getStatusCode().value();
			}
			catch (IllegalArgumentException ex) {
				return "refused: " + ex.getMessage();
			}
		}

		/** A path of one configured API through the starter's own client for it. */
		@GetMapping("/api/apis/{api}/client")
		String apiClient(@PathVariable String api, @RequestParam String path) {
			ResponseEntity<String> answer = this.currentUser.apis()
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
			catch (HttpClientErrorException ex) {
				return "api answered " + ex.getStatusCode().value();
			}
		}

		@GetMapping("/api/userinfo-spring")
		String userInfoThroughSpring() {
			return this.userInfoThroughSpring.get()
				.uri("/userinfo")
				.attributes(RequestAttributeClientRegistrationIdResolver.clientRegistrationId("test"))
				.retrieve()
				.body(String.class);
		}

		@GetMapping("/api/userinfo-spring-dpop")
		String userInfoThroughSpringWithProofs() {
			return this.userInfoThroughSpringWithProofs.get()
				.uri("/userinfo")
				.attributes(RequestAttributeClientRegistrationIdResolver.clientRegistrationId("test"))
				.retrieve()
				.body(String.class);
		}

		@GetMapping("/api/registered-client")
		String registeredClient(@RegisteredOAuth2AuthorizedClient("test") OAuth2AuthorizedClient client) {
			return client.getAccessToken().getTokenValue();
		}

		/** What Spring's two ways to an authorized client hand the application. */
		@GetMapping("/api/authorized-client-tokens")
		String authorizedClientTokens(@RegisteredOAuth2AuthorizedClient("test") OAuth2AuthorizedClient fromManager,
				Authentication authentication, HttpServletRequest request) {
			OAuth2AuthorizedClient fromRepository = this.repository.getObject()
				.loadAuthorizedClient("test", authentication, request);
			return "manager refresh token: " + (fromManager.getRefreshToken() != null) + ", repository refresh token: "
					+ (fromRepository.getRefreshToken() != null);
		}

		/** The application's own error page, for auth.web.pages.error-page. */
		@RequestMapping("/own-error")
		String ownError(@RequestAttribute(AuthError.ATTRIBUTE) AuthError error) {
			return "own error page: " + error.error() + ": " + error.message();
		}

		/** The application's own sign-out page, for auth.web.pages.sign-out-page. */
		@GetMapping("/own-sign-out")
		String ownSignOut(CsrfToken csrf) {
			return "own sign-out page, token " + (csrf.getToken() != null);
		}

		@GetMapping("/hello")
		String hello(Principal principal) {
			return "hello " + principal.getName();
		}

		/** A request that takes a fresh token and then works on for a while. */
		@GetMapping("/api/token-then-work")
		String tokenThenWork(@RequestParam long millis) throws InterruptedException {
			String token = this.currentUser.tokens().accessToken();
			Thread.sleep(millis);
			return token;
		}

		/** What the user may do, as CurrentUser sees it. */
		@GetMapping("/api/authorities")
		String authorities() {
			return String.join(",", new TreeSet<>(this.currentUser.authorities()));
		}

		/** A sensitive action: the user authenticated at the provider at most 1 s ago. */
		@GetMapping({ "/sensitive", "/api/sensitive" })
		String sensitive() {
			this.currentUser.requireRecentLogin(Duration.ofSeconds(1));
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
		@PreAuthorize("hasRole('admins')")
		String admin() {
			return "admin " + this.currentUser.subject();
		}

		/** The same rule through @Secured. */
		@GetMapping("/api/secured-admin")
		@Secured("ROLE_admins")
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

		@GetExchange
		@ClientRegistrationId("test/reports")
		String reports();

		@GetExchange
		@ClientRegistrationId("test")
		String asUser();

		static ApiClient create(OAuth2AuthorizedClientManager manager, String url) {
			RestClient client = RestClient.builder()
				.baseUrl(url)
				.requestInterceptor(new OAuth2ClientHttpRequestInterceptor(manager))
				.build();
			return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
				.httpRequestValuesProcessor(ClientRegistrationIdProcessor.DEFAULT_INSTANCE)
				.build()
				.createClient(ApiClient.class);
		}

	}

}
