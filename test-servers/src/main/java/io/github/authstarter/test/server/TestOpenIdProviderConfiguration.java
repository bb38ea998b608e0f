package io.github.authstarter.test.server;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.X509ClientCertificateAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The Spring Authorization Server behind {@link TestOpenIdProvider}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
// a fixed list, not @EnableAutoConfiguration: whatever else the application under test
// has on its class path (a database, the starter itself) stays out of the provider
@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
		WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
class TestOpenIdProviderConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, TestOpenIdProvider provider,
			RegisteredClientRepository clients) throws Exception {
		OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(authorizationServer.getEndpointsMatcher())
			.with(authorizationServer, (server) -> server
				// RFC 9126, as Okta, Keycloak and Entra's newer endpoints offer it
				.pushedAuthorizationRequestEndpoint(Customizer.withDefaults())
				// a certificate authenticates before a PKCE code exchange is taken for a
				// public client's, which Spring Authorization Server tries first
				.clientAuthentication((authentication) -> authentication.authenticationConverters((converters) -> {
					List<AuthenticationConverter> certificates = converters.stream()
						.filter(X509ClientCertificateAuthenticationConverter.class::isInstance)
						.toList();
					converters.removeAll(certificates);
					converters.addAll(0, certificates);
				}))
				.oidc((oidc) -> oidc
					.providerConfigurationEndpoint(
							(endpoint) -> endpoint.providerConfigurationCustomizer(provider::describe))
					.logoutEndpoint(
							(logout) -> logout.authenticationProviders((providers) -> providers.forEach((candidate) -> {
								if (candidate instanceof OidcLogoutAuthenticationProvider logoutProvider) {
									logoutProvider
										.setAuthenticationValidator(new LoopbackPostLogoutRedirectValidator());
								}
							})))))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			// user info takes DPoP-bound tokens with their proofs (RFC 9449 section 7)
			.oauth2ResourceServer((resourceServer) -> dPoP(resourceServer.jwt(Customizer.withDefaults())))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(authorizationServer.getEndpointsMatcher()))
			// request objects first: what the counters and SAS see is what they carried
			.addFilterBefore(new RequestObjectFilter(provider, clients), SecurityContextHolderFilter.class)
			// a reused refresh token never reaches the token endpoint
			.addFilterBefore(new RefreshTokenReuseFilter(provider), SecurityContextHolderFilter.class)
			.addFilterBefore(new RefreshGrantCounter(provider), SecurityContextHolderFilter.class);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain loginSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults());
		return http.build();
	}

	/**
	 * The usual encoders, without re-encoding a {@code noop} secret on every match:
	 * Spring Authorization Server re-encodes the client secret with BCrypt on every
	 * client authentication when the encoder says so, about 65 ms each, which a benchmark
	 * of logins would measure instead of the client.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new PasswordEncoder() {

			@Override
			public @Nullable String encode(@Nullable CharSequence rawPassword) {
				return delegate.encode(rawPassword);
			}

			@Override
			public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
				return delegate.matches(rawPassword, encodedPassword);
			}

			@Override
			public boolean upgradeEncoding(@Nullable String encodedPassword) {
				return false;
			}

		};
	}

	@Bean
	UserDetailsService users(TestOpenIdProvider provider) {
		return (username) -> {
			if (!provider.users().containsKey(username)) {
				throw new UsernameNotFoundException(username);
			}
			return User.withUsername(username).password("{noop}" + TestOpenIdProvider.PASSWORD).roles("USER").build();
		};
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(TestOpenIdProvider provider) {
		// a stable id: tokens issued before a restart name it
		RegisteredClient.Builder client = RegisteredClient.withId(provider.clientId())
			.clientId(provider.clientId())
			.clientSecret("{noop}" + provider.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
			.postLogoutRedirectUri("http://127.0.0.1:8080/auth/logged-out")
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.scopes((scopes) -> scopes.addAll(provider.apiScopes().keySet()))
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(provider.accessTokenTimeToLive())
				.reuseRefreshTokens(provider.reuseRefreshTokens())
				.idTokenSignatureAlgorithm((provider.idTokenAlgorithm() != null)
						? SignatureAlgorithm.from(provider.idTokenAlgorithm()) : SignatureAlgorithm.RS256)
				.build());
		// loopback IP redirect URIs match on any port (RFC 8252), so every app instance
		// fits
		for (String id : provider.registrationIdSet()) {
			for (String base : provider.callbackBases()) {
				client.redirectUri("http://127.0.0.1:8080" + base + "/login/oauth2/code/" + id);
				for (String origin : provider.extraRedirectOrigins()) {
					client.redirectUri(origin + base + "/login/oauth2/code/" + id);
				}
			}
		}
		for (String origin : provider.extraRedirectOrigins()) {
			client.postLogoutRedirectUri(origin + "/auth/logged-out");
		}
		List<RegisteredClient> clients = new ArrayList<>();
		clients.add(client.build());
		for (TestOpenIdProvider.JwtClient jwt : provider.jwtClients()) {
			clients.add(jwtClient(client.build(), jwt));
		}
		provider.mutualTlsClients()
			.forEach((id, keys) -> clients.add(mutualTlsClient(client.build(), id,
					ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH, ClientSettings.builder().jwkSetUrl(keys))));
		provider.mutualTlsSubjects()
			.forEach((id, subject) -> clients
				.add(mutualTlsClient(client.build(), id, ClientAuthenticationMethod.TLS_CLIENT_AUTH,
						ClientSettings.builder().x509CertificateSubjectDN(subject))));
		return new InMemoryRegisteredClientRepository(clients);
	}

	/**
	 * A client like the main one that authenticates with its TLS certificate, its access
	 * tokens bound to it (RFC 8705).
	 */
	private static RegisteredClient mutualTlsClient(RegisteredClient template, String id,
			ClientAuthenticationMethod method, ClientSettings.Builder settings) {
		return RegisteredClient.from(template)
			.id(id)
			.clientId(id)
			.clientSecret(null)
			.clientAuthenticationMethods((methods) -> {
				methods.clear();
				methods.add(method);
			})
			.clientSettings(settings.requireAuthorizationConsent(false).build())
			.tokenSettings(TokenSettings.withSettings(template.getTokenSettings().getSettings())
				.x509CertificateBoundAccessTokens(true)
				.build())
			.build();
	}

	/** A client like the main one that authenticates with a signed JWT. */
	private static RegisteredClient jwtClient(RegisteredClient template, TestOpenIdProvider.JwtClient jwt) {
		boolean secret = "client_secret_jwt".equals(jwt.method());
		ClientSettings.Builder settings = ClientSettings.builder().requireAuthorizationConsent(false);
		JwsAlgorithm algorithm = secret ? MacAlgorithm.from(jwt.algorithm()) : SignatureAlgorithm.from(jwt.algorithm());
		settings.tokenEndpointAuthenticationSigningAlgorithm(algorithm);
		if (!secret) {
			settings.jwkSetUrl(jwt.jwkSetUrlOrSecret());
		}
		return RegisteredClient.from(template)
			.id(jwt.clientId())
			.clientId(jwt.clientId())
			// client_secret_jwt checks the HMAC with the secret as stored: not encoded
			.clientSecret(secret ? jwt.jwkSetUrlOrSecret() : null)
			.clientAuthenticationMethods((methods) -> {
				methods.clear();
				methods.add(new ClientAuthenticationMethod(jwt.method()));
			})
			.clientSettings(settings.build())
			.build();
	}

	@Bean
	OAuth2AuthorizationService authorizationService(TestOpenIdProvider provider) {
		return provider.authorizations();
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(TestOpenIdProvider provider) {
		// read on every use, so a rotation takes effect at once
		return (selector, context) -> selector.select(provider.publishedKeys());
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
	}

	/** The mutual-TLS port, where a client uses it (RFC 8705). */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> mutualTlsPort(TestOpenIdProvider provider) {
		return (factory) -> {
			MutualTlsEndpoints endpoints = provider.mutualTls();
			if (endpoints != null) {
				factory.addAdditionalConnectors(endpoints.connector());
			}
		};
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(TestOpenIdProvider provider) {
		return AuthorizationServerSettings.builder().issuer(provider.issuer()).build();
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> userClaimsCustomizer(TestOpenIdProvider provider) {
		return (context) -> {
			// several keys are published after a rotation: sign with the current one
			context.getJwsHeader().keyId(provider.signingKey().getKeyID());
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				Map<String, Object> claims = provider.users().get(context.getPrincipal().getName());
				if (claims != null) {
					context.getClaims().claims((existing) -> existing.putAll(claims));
				}
			}
			if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				context.getClaims()
					.claims((existing) -> existing
						.putAll(provider.accessTokenClaims(context.getPrincipal().getName())));
				// as Keycloak does: the API sees how the user authenticated, when the
				// login
				// asked for that level
				Map<String, Object> user = provider.users().get(context.getPrincipal().getName());
				if (user != null && user.get("acr") != null
						&& List.of(requested(context, "acr_values").split(" ")).contains(user.get("acr").toString())) {
					context.getClaims().claim("acr", user.get("acr"));
				}
				context.getClaims().claims((existing) -> existing.putAll(requestedClaims(context)));
				List<String> audiences = audiences(provider, context);
				if (!audiences.isEmpty()) {
					context.getClaims().audience(audiences);
				}
			}
		};
	}

	/** A parameter of the login's authorization request, or {@code ""}. */
	private static String requested(JwtEncodingContext context, String name) {
		OAuth2AuthorizationRequest request = (context.getAuthorization() != null)
				? context.getAuthorization().getAttribute(OAuth2AuthorizationRequest.class.getName()) : null;
		return (request != null && request.getAdditionalParameters().get(name) instanceof String value) ? value : "";
	}

	/**
	 * The access-token claims the login's {@code claims} parameter asked for with a value
	 * (OIDC Core 5.5), as a provider grants them once the user did what they need: how a
	 * claims challenge is answered.
	 */
	private static Map<String, Object> requestedClaims(JwtEncodingContext context) {
		String claims = requested(context, "claims");
		if (claims.isEmpty()) {
			return Map.of();
		}
		Map<String, Object> granted = new LinkedHashMap<>();
		try {
			Object accessToken = JSONObjectUtils.parse(claims).get("access_token");
			if (accessToken instanceof Map<?, ?> requested) {
				requested.forEach((name, value) -> {
					if (value instanceof Map<?, ?> spec && spec.get("value") != null) {
						granted.put(name.toString(), spec.get("value"));
					}
					else if (value instanceof Map<?, ?> spec && spec.get("values") instanceof List<?> values
							&& !values.isEmpty()) {
						granted.put(name.toString(), values.get(0));
					}
				});
			}
		}
		catch (ParseException ex) {
			// not JSON: nothing granted
		}
		return granted;
	}

	/**
	 * The audiences of an API token: what a token exchange or a refresh asked for
	 * ({@code audience}, {@code resource}), else those of the API scopes a refresh asked
	 * for; a sign-in's token keeps the client as its audience.
	 */
	private static List<String> audiences(TestOpenIdProvider provider, JwtEncodingContext context) {
		Set<String> audiences = new LinkedHashSet<>();
		Object grant = context.getAuthorizationGrant();
		if (grant instanceof OAuth2TokenExchangeAuthenticationToken exchange) {
			audiences.addAll(exchange.getAudiences());
			audiences.addAll(exchange.getResources());
		}
		else if (grant instanceof OAuth2RefreshTokenAuthenticationToken refresh) {
			if (refresh.getAdditionalParameters().get("resource") instanceof String resource) {
				audiences.add(resource);
			}
			else {
				// a refresh asking for an API's scope gets a token for that API alone
				Map<String, String> apis = provider.apiScopes();
				refresh.getScopes().stream().map(apis::get).filter(Objects::nonNull).forEach(audiences::add);
			}
		}
		return List.copyOf(audiences);
	}

	/**
	 * Counts refresh token grants and JWKS fetches, so tests can prove single-flight
	 * refresh and key caching, and delays the token endpoint when asked.
	 */
	/**
	 * Spring Security 7.1 takes DPoP-bound tokens once asked ({@code dPoP}); 7.0, the
	 * other supported line, does by itself and has no such method.
	 */
	private static void dPoP(OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer) {
		try {
			resourceServer.getClass()
				.getMethod("dPoP", Customizer.class)
				.invoke(resourceServer, Customizer.withDefaults());
		}
		catch (NoSuchMethodException ex) {
			// Spring Security 7.0
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not turn DPoP on for user info", ex);
		}
	}

	static final class RefreshGrantCounter extends OncePerRequestFilter {

		private final TestOpenIdProvider provider;

		RefreshGrantCounter(TestOpenIdProvider provider) {
			this.provider = provider;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String grant = request.getRequestURI().equals("/oauth2/token") ? request.getParameter("grant_type") : null;
			if (request.getRequestURI().equals("/oauth2/par") && "POST".equals(request.getMethod())) {
				pushed(request, response, chain);
				return;
			}
			dispatch(request, response, chain);
			// what a test claims is usually about grants issued, not requests received
			if (response.getStatus() == 200 && "refresh_token".equals(grant)) {
				this.provider.acceptedRefreshGrantCounter().incrementAndGet();
			}
			if (response.getStatus() == 200 && "urn:ietf:params:oauth:grant-type:token-exchange".equals(grant)) {
				this.provider.acceptedTokenExchangeCounter().incrementAndGet();
			}
		}

		private static @Nullable String proofNonce(String proof) {
			try {
				return SignedJWT.parse(proof).getJWTClaimsSet().getStringClaim("nonce");
			}
			catch (ParseException ex) {
				return null;
			}
		}

		/** A pushed request: its parameters, remembered by the request_uri answered. */
		private void pushed(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Map<String, String> parameters = new LinkedHashMap<>();
			request.getParameterMap().forEach((name, values) -> parameters.put(name, values[0]));
			ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
			dispatch(request, cached, chain);
			Matcher requestUri = Pattern.compile("\"request_uri\"\\s*:\\s*\"([^\"]+)\"")
				.matcher(new String(cached.getContentAsByteArray(), StandardCharsets.UTF_8));
			if (requestUri.find()) {
				this.provider.recordPushedRequest(requestUri.group(1), parameters);
			}
			cached.copyBodyToResponse();
		}

		private void dispatch(HttpServletRequest request, HttpServletResponse original, FilterChain chain)
				throws ServletException, IOException {
			HttpServletResponse response = (request.getRequestURI().equals("/oauth2/authorize")
					&& (this.provider.issuerInResponses()
							|| this.provider.responseSigning() != TestOpenIdProvider.ResponseSigning.NONE))
									? answering(original, this.provider, request.getParameter("client_id"),
											asksSigned(request))
									: original;
			if (request.getRequestURI().equals("/oauth2/token")
					&& "refresh_token".equals(request.getParameter("grant_type"))) {
				this.provider.refreshGrantCounter().incrementAndGet();
			}
			if (request.getRequestURI().equals("/oauth2/token")
					&& "urn:ietf:params:oauth:grant-type:token-exchange".equals(request.getParameter("grant_type"))) {
				this.provider.tokenExchangeCounter().incrementAndGet();
			}
			if (request.getRequestURI().equals("/oauth2/par")) {
				this.provider.parRequestCounter().incrementAndGet();
			}
			if (request.getRequestURI().equals("/oauth2/token")
					&& request.getAttribute("jakarta.servlet.request.X509Certificate") != null) {
				this.provider.mutualTlsTokenRequestCounter().incrementAndGet();
			}
			String assertion = request.getParameter("client_assertion");
			if (assertion != null) {
				this.provider.recordClientAssertion(request.getRequestURI(), assertion);
			}
			String nonce = this.provider.dpopNonce();
			String proof = request.getHeader("DPoP");
			if (nonce != null && proof != null && request.getRequestURI().equals("/oauth2/token")
					&& !nonce.equals(proofNonce(proof))) {
				this.provider.dpopNonceDemandCounter().incrementAndGet();
				response.setHeader("DPoP-Nonce", nonce);
				response.setStatus(400);
				response.setContentType("application/json");
				response.getWriter()
					.write("{\"error\":\"use_dpop_nonce\",\"error_description\":\"a nonce is required\"}");
				return;
			}
			if (request.getRequestURI().equals("/oauth2/authorize") && "GET".equals(request.getMethod())) {
				this.provider.recordAuthorizationRequest(request.getQueryString());
				if (this.provider.parRequired() && request.getParameter("request_uri") == null) {
					response.sendError(400, "pushed authorization request required");
					return;
				}
			}
			if (request.getRequestURI().equals("/oauth2/jwks")) {
				this.provider.jwksRequestCounter().incrementAndGet();
				if (this.provider.jwksFailing()) {
					response.sendError(503);
					return;
				}
			}
			var forger = this.provider.idTokenForger();
			if (forger != null && request.getRequestURI().equals("/oauth2/token")
					&& "authorization_code".equals(request.getParameter("grant_type"))) {
				forgeIdToken(request, response, chain, forger);
				return;
			}
			var refreshForger = this.provider.refreshIdTokenForger();
			if (refreshForger != null && request.getRequestURI().equals("/oauth2/token")
					&& "refresh_token".equals(request.getParameter("grant_type"))) {
				forgeIdToken(request, response, chain, refreshForger);
				return;
			}
			if (request.getRequestURI().equals("/oauth2/token") && !this.provider.tokenEndpointDelay().isZero()) {
				try {
					Thread.sleep(this.provider.tokenEndpointDelay().toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (request.getRequestURI().equals("/oauth2/token") && !this.provider.tokenResponseDelay().isZero()) {
				ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
				chain.doFilter(request, held);
				sleep(this.provider.tokenResponseDelay());
				held.copyBodyToResponse();
				return;
			}
			chain.doFilter(this.provider.ignoresDpop() ? withoutDpop(request) : request, response);
		}

		/**
		 * The response with its authorization responses as the provider is set to give
		 * them: with {@code iss} (RFC 9207), or signed (JARM), the redirect's parameters
		 * then in the {@code response} JWT alone.
		 */
		/**
		 * The JARM mode the authorization request (or the one pushed) asked for:
		 * {@code jwt}, {@code query.jwt} or {@code form_post.jwt}; {@code null} for none.
		 */
		private @Nullable String asksSigned(HttpServletRequest request) {
			try {
				String mode = this.provider
					.authorizationParameters(request.getRequestURL() + "?"
							+ ((request.getQueryString() != null) ? request.getQueryString() : ""))
					.get("response_mode");
				return ("jwt".equals(mode) || "query.jwt".equals(mode) || "form_post.jwt".equals(mode)) ? mode : null;
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

		private static HttpServletResponse answering(HttpServletResponse response, TestOpenIdProvider provider,
				@Nullable String clientId, @Nullable String signedMode) {
			return new HttpServletResponseWrapper(response) {

				@Override
				public void sendRedirect(String location) throws IOException {
					boolean answer = (location.contains("code=") || location.contains("error="))
							&& !location.startsWith(provider.issuer());
					if (!answer) {
						super.sendRedirect(location);
						return;
					}
					TestOpenIdProvider.ResponseSigning signing = provider.responseSigning();
					// as a provider does: signed when the client asked for it
					if (signedMode != null && signing != TestOpenIdProvider.ResponseSigning.NONE
							&& signing != TestOpenIdProvider.ResponseSigning.PLAIN) {
						UriComponents redirect = UriComponentsBuilder.fromUriString(location).build();
						Map<String, String> parameters = new LinkedHashMap<>();
						redirect.getQueryParams()
							.forEach((name, values) -> parameters.put(name,
									UriUtils.decode(values.get(0), StandardCharsets.UTF_8)));
						String base = location.substring(0, location.indexOf('?'));
						String signed = provider.signedResponse(parameters, (clientId != null) ? clientId : "");
						if ("form_post.jwt".equals(signedMode)) {
							// JARM section 2.3.3: the response JWT in an auto-submitted
							// form
							setStatus(200);
							setContentType("text/html;charset=UTF-8");
							getWriter().write("<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\">"
									+ "<form method=\"post\" action=\"" + HtmlUtils.htmlEscape(base) + "\">"
									+ "<input type=\"hidden\" name=\"response\" value=\"" + HtmlUtils.htmlEscape(signed)
									+ "\"/>" + "</form></body></html>");
							return;
						}
						super.sendRedirect(base + "?response=" + signed);
						return;
					}
					boolean iss = provider.issuerInResponses() && !location.contains("iss=");
					super.sendRedirect(iss ? location + (location.contains("?") ? "&" : "?") + "iss="
							+ URLEncoder.encode(provider.issuer(), StandardCharsets.UTF_8) : location);
				}

			};
		}

		/** The request as a provider that knows nothing of DPoP reads it. */
		private static HttpServletRequest withoutDpop(HttpServletRequest request) {
			return new HttpServletRequestWrapper(request) {

				@Override
				public @Nullable String getHeader(String name) {
					return "DPoP".equalsIgnoreCase(name) ? null : super.getHeader(name);
				}

				@Override
				public Enumeration<String> getHeaders(String name) {
					return "DPoP".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
				}

				@Override
				public Enumeration<String> getHeaderNames() {
					return Collections.enumeration(Collections.list(super.getHeaderNames())
						.stream()
						.filter((name) -> !"DPoP".equalsIgnoreCase(name))
						.toList());
				}

			};
		}

		private static void sleep(Duration delay) {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private static void forgeIdToken(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
				Function<Map<String, Object>, String> forger) throws ServletException, IOException {
			ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
			chain.doFilter(request, captured);
			byte[] body = captured.getContentAsByteArray();
			try {
				Map<String, Object> json = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
				if (json.get("id_token") instanceof String idToken) {
					json.put("id_token", forger.apply(SignedJWT.parse(idToken).getJWTClaimsSet().toJSONObject()));
					body = JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8);
				}
			}
			catch (ParseException ex) {
				// not a token response: pass it on
			}
			captured.resetBuffer();
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
		}

	}

}
