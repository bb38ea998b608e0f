package io.github.authstarter.web;

import io.github.authstarter.flow.LoginStartLimiter;
import io.github.authstarter.flow.PushingAuthorizationRequestResolver;
import io.github.authstarter.flow.RateLimitedAuthorizationRequestResolver;
import io.github.authstarter.flow.RedirectingAuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;

import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Applies the starter's login to a {@link HttpSecurity}, for applications that declare
 * their own {@code SecurityFilterChain}: inject it and apply it with
 * {@code http.with(auth, Customizer.withDefaults())}. It wires the Redis flow state, the
 * JSON session record, refresh, logout, the error handling and the entry point from the
 * beans it is given; it never puts a saved request or a serialized security context in
 * the session. <pre class="code">
 * &#64;Bean
 * SecurityFilterChain security(HttpSecurity http, AuthConfigurer auth) throws Exception {
 *     http.authorizeHttpRequests((requests) -&gt; requests.anyRequest().authenticated());
 *     http.with(auth, Customizer.withDefaults());
 *     return http.build();
 * }
 * </pre>
 */
public final class AuthConfigurer extends AbstractHttpConfigurer<AuthConfigurer, HttpSecurity> {

	private final AuthSecurityComponents components;

	/**
	 * Creates the configurer; the auto-configuration provides one per injection point.
	 * @param components what it applies
	 */
	public AuthConfigurer(AuthSecurityComponents components) {
		this.components = components;
	}

	/**
	 * The login start's resolver: target and parameters, then the cap, then pushed where
	 * asked. A start the cap refuses must cost the provider nothing: each push is a
	 * client-authenticated call, and a flood of them could get our client throttled
	 * there.
	 */
	private static OAuth2AuthorizationRequestResolver resolver(AuthSecurityComponents c,
			OAuth2AuthorizationRequestResolver requests) {
		OAuth2AuthorizationRequestResolver resolver = new RedirectingAuthorizationRequestResolver(requests,
				c.registrations()::supportsAccountChoice, c.loginParameters());
		LoginStartLimiter loginStarts = c.loginStarts();
		if (loginStarts != null) {
			resolver = new RateLimitedAuthorizationRequestResolver(resolver, loginStarts);
		}
		return (c.par() != null) ? new PushingAuthorizationRequestResolver(resolver, c.par()) : resolver;
	}

	@Override
	public void init(HttpSecurity http) {
		AuthSecurityComponents c = this.components;
		AuthPaths paths = c.paths();
		LoginStartFailureHandler startFailureHandler = new LoginStartFailureHandler(paths, c.responder(), c.events());
		DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
				c.registrations(), paths.login());
		requests.setAuthorizationRequestCustomizer(new ProviderAuthorizationRequestCustomizer(c.registrations()));
		http.oauth2Login((login) -> login.clientRegistrationRepository(c.registrations())
			.authorizedClientRepository(c.authorizedClients())
			.securityContextRepository(c.securityContext())
			.authorizationEndpoint((authorization) -> authorization.baseUri(paths.login())
				.authorizationRequestResolver(resolver(c, requests))
				.authorizationRequestRepository(c.flowState()))
			.redirectionEndpoint((redirection) -> redirection.baseUri(paths.callback() + "/*"))
			.tokenEndpoint((token) -> token.accessTokenResponseClient(c.tokenClient()))
			// the user services already applied the application's
			// GrantedAuthoritiesMapper,
			// as a refresh does: Spring Security must not apply it a second time
			.userInfoEndpoint((userInfo) -> userInfo.userService(c.userService())
				.oidcUserService(c.oidcUserService())
				.userAuthoritiesMapper((authorities) -> authorities))
			.successHandler(new LoginSuccessHandler(c.defaultRedirect(), c.events(), c.sessionIndex()))
			.failureHandler(
					new LoginCallbackFailureHandler(c.store(), paths, c.defaultRedirect(), c.responder(), c.events()))
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
				@Override
				public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
					filter.setAuthenticationFailureHandler(startFailureHandler);
					return filter;
				}
			}));
		http.addFilterBefore(new LoginCallbackObservationFilter(paths.callback(), c.registrations(), c.observations()),
				OAuth2LoginAuthenticationFilter.class);
		http.securityContext((securityContext) -> securityContext.securityContextRepository(c.securityContext()));
		http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		// the CSRF token lives in a cookie JavaScript can read (XSRF-TOKEN by default),
		// not in the session; a form_post callback is a cross-site POST without a token,
		// which the flow's state and binding cookie protect instead
		http.csrf((csrf) -> csrf.spa()
			.csrfTokenRepository(CsrfCookieFilter.tokenRepository(c.csrfCookieName()))
			.ignoringRequestMatchers(paths.callback() + "/*"));
		http.addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class);
		if (c.onRequestRefresh() != null) {
			http.addFilterAfter(c.onRequestRefresh(), SecurityContextHolderFilter.class);
		}
		// a login concern: it needs no logout bean
		if (paths.servesSignInPage()) {
			http.addFilterBefore(new SignInPageFilter(paths, c.registrations()),
					OAuth2AuthorizationRequestRedirectFilter.class);
		}
		http.addFilterBefore(
				new ProviderListFilter(c.providersPath(), paths, c.registrations(), c.localLogoutProviders()),
				LogoutFilter.class);
		AuthSecurityComponents.Logout logout = c.logout();
		if (logout != null) {
			http.logout((configurer) -> configurer.logoutUrl(logout.path())
				.addLogoutHandler(logout.handler())
				.logoutSuccessHandler(logout.handler()));
			http.addFilterBefore(logout.pages(), LogoutFilter.class);
			if (logout.backChannel() != null) {
				http.addFilterBefore(logout.backChannel(), CsrfFilter.class);
			}
			if (logout.frontChannel() != null) {
				// before the header writer: the provider must be able to frame its
				// answer,
				// which sets its own frame-ancestors instead of X-Frame-Options: DENY
				http.addFilterBefore(logout.frontChannel(),
						org.springframework.security.web.header.HeaderWriterFilter.class);
			}
		}
		http.exceptionHandling((exceptions) -> exceptions
			.authenticationEntryPoint(new LoginEntryPoint(paths, c.registrations(), c.responder()))
			// a default: an accessDeniedHandler the application sets itself still wins
			.defaultAccessDeniedHandlerFor(new AuthAccessDeniedHandler(c.responder(), paths, c.csrfCookieName()),
					AnyRequestMatcher.INSTANCE));
	}

}
