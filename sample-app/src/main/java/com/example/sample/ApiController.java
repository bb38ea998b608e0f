package com.example.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authstarter.user.CurrentUser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A small JSON API built on {@link CurrentUser}: who am I, and a call to the provider's
 * user-info endpoint with the user's own access token (refreshed first when it is about
 * to expire).
 */
@RestController
class ApiController {

	private final CurrentUser user;

	private final RestClient provider;

	/**
	 * One client per downstream API, built once: each request gets the current user's
	 * token.
	 */
	private final Map<String, RestClient> downstream = new LinkedHashMap<>();

	ApiController(CurrentUser user, @Value("${sample.api.provider:demo}") String providerId,
			@Value("${sample.api.user-info-uri:http://localhost:9000/userinfo}") String userInfoUri,
			@Value("${sample.downstream-apis:}") List<String> downstreamApis) {
		this.user = user;
		downstreamApis.forEach((api) -> this.downstream.put(api, user.apis().client(providerId, api).build()));
		this.provider = RestClient.builder()
			.baseUrl(userInfoUri)
			.requestInterceptor(user.apis().bearerToken(providerId))
			.build();
	}

	@GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> me() {
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("name", this.user.name());
		me.put("email", this.user.email());
		me.put("provider", this.user.provider());
		me.put("subject", this.user.subject());
		me.put("authorities", this.user.authorities());
		me.put("accessTokenExpiresAt", this.user.tokens().accessTokenExpiresAt());
		return me;
	}

	/**
	 * For the provider's {@code admins} only: the role comes from the {@code roles} claim
	 * ({@code auth.providers.<id>.authorities.claims}) and follows the provider on every
	 * refresh.
	 */
	@GetMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('admins')")
	Map<String, Object> admin() {
		return Map.of("admin", this.user.name(), "authorities", this.user.authorities());
	}

	/**
	 * The same rule with {@code @Secured}, which names the whole authority.
	 */
	@GetMapping(path = "/api/admin/report", produces = MediaType.APPLICATION_JSON_VALUE)
	@Secured("ROLE_admins")
	Map<String, Object> adminReport() {
		return Map.of("report", "for " + this.user.name());
	}

	/**
	 * Each configured API ({@code auth.providers.<id>.apis.<name>}, listed in
	 * {@code sample.downstream-apis}) called with its own token, side by side: one
	 * sign-in, a token per API, each sent only to its API's base URL, by a client that
	 * never follows a redirect with it.
	 */
	@GetMapping(path = "/api/downstream", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> downstream() {
		Map<String, Object> answers = new LinkedHashMap<>();
		this.downstream.forEach((api, client) -> answers.put(api, client.get().retrieve().body(Map.class)));
		return answers;
	}

	@GetMapping(path = "/api/userinfo", produces = MediaType.APPLICATION_JSON_VALUE)
	String userInfo() {
		return this.provider.get().retrieve().body(String.class);
	}

}
