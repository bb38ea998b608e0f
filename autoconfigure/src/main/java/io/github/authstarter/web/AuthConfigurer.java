package io.github.authstarter.web;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.access.AuthorizingOAuth2UserService;
import io.github.authstarter.access.AuthorizingOidcUserService;
import io.github.authstarter.access.RequestedAuthentication;
import io.github.authstarter.access.UserAccess;
import io.github.authstarter.flow.DpopBindingAuthorizationRequestResolver;
import io.github.authstarter.flow.FlowSettings;
import io.github.authstarter.flow.LoginParameters;
import io.github.authstarter.flow.LoginStartLimiter;
import io.github.authstarter.flow.ProfileCheckingAuthorizationRequestResolver;
import io.github.authstarter.flow.PushingAuthorizationRequestResolver;
import io.github.authstarter.flow.RateLimitedAuthorizationRequestResolver;
import io.github.authstarter.flow.RedirectingAuthorizationRequestResolver;
import io.github.authstarter.flow.SignedAuthorizationResponses;
import io.github.authstarter.flow.SigningAuthorizationRequestResolver;
import io.github.authstarter.http.PageStylesheet;
import io.github.authstarter.http.PageTexts;
import io.github.authstarter.logout.BackChannelLogoutFilter;
import io.github.authstarter.logout.FrontChannelLogoutFilter;
import io.github.authstarter.logout.LogoutPagesFilter;
import io.github.authstarter.logout.LogoutSettings;
import io.github.authstarter.logout.ProviderLogoutHandler;
import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.provider.DpopProofs;
import io.github.authstarter.provider.ProviderProfiles;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.provider.PushedAuthorizationRequests;
import io.github.authstarter.provider.RequestObjects;
import io.github.authstarter.session.SessionSecurityContextRepository;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.tenant.HomeRealms;
import io.github.authstarter.tenant.TenantBoundary;
import io.github.authstarter.token.OnRequestTokenRefreshFilter;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Applies the starter's login to a {@link HttpSecurity}, for applications that declare
 * their own {@code SecurityFilterChain}: inject it and apply it with
 * {@code http.with(auth, Customizer.withDefaults())}. It wires the Redis flow state, the
 * JSON session record, refresh, logout, the error handling and the entry point from the
 * application context's beans (the application's own where it declared one, else the
 * auto-configuration's); it never puts a saved request or a serialized security context
 * in the session. <pre class="code">
 * &#64;Bean
 * SecurityFilterChain security(HttpSecurity http, AuthConfigurer auth) throws Exception {
 *     http.authorizeHttpRequests((requests) -&gt; requests.anyRequest().authenticated());
 *     http.with(auth, Customizer.withDefaults());
 *     return http.build();
 * }
 * </pre>
 */
public final class AuthConfigurer extends AbstractHttpConfigurer<AuthConfigurer, HttpSecurity> {

	/**
	 * The login start's resolver: the cap first, then target and parameters, then pushed
	 * where asked. A start the cap refuses must cost the provider nothing: not the first
	 * fetch of its metadata, nor a push, each a call a flood could get our client
	 * throttled for.
	 */
	private static OAuth2AuthorizationRequestResolver resolver(ConfigurerBeans beans, AuthPaths paths,
			ProviderRegistrations registrations, OAuth2AuthorizationRequestResolver requests) {
		OAuth2AuthorizationRequestResolver resolver = new RedirectingAuthorizationRequestResolver(requests,
				registrations::supportsAccountChoice,
				beans.optional(LoginParameters.class, () -> new LoginParameters(Map.of())));
		LoginStartLimiter loginStarts = beans.optional(LoginStartLimiter.class);
		if (loginStarts != null) {
			resolver = new RateLimitedAuthorizationRequestResolver(resolver, loginStarts, paths.login(),
					registrations::holds);
		}
		ProviderProfiles profiles = beans.optional(ProviderProfiles.class);
		if (profiles != null) {
			resolver = new ProfileCheckingAuthorizationRequestResolver(resolver, profiles, registrations);
		}
		DpopProofs dpop = beans.optional(DpopProofs.class);
		if (dpop != null) {
			resolver = new DpopBindingAuthorizationRequestResolver(resolver, dpop);
		}
		RequestObjects requestObjects = beans.optional(RequestObjects.class);
		if (requestObjects != null) {
			resolver = new SigningAuthorizationRequestResolver(resolver, requestObjects,
					(profiles != null) ? profiles : ProviderProfiles.NONE);
		}
		PushedAuthorizationRequests par = beans.optional(PushedAuthorizationRequests.class);
		return (par != null) ? new PushingAuthorizationRequestResolver(resolver, par) : resolver;
	}

	private static AuthorizationRequestRepository<OAuth2AuthorizationRequest> authorizationRequests(
			ConfigurerBeans beans) {
		AuthorizationRequestRepository<OAuth2AuthorizationRequest> requests = beans
			.required(AuthorizationRequestRepository.class, OAuth2AuthorizationRequest.class);
		TenantBoundary tenants = beans.optional(TenantBoundary.class);
		return (tenants != null) ? new TenantCheckingAuthorizationRequests(requests, tenants) : requests;
	}

	/**
	 * Whichever service loads the user, what it may do and whether it may sign in is
	 * decided the same way as on refresh; the application's
	 * {@code GrantedAuthoritiesMapper} is applied there, as a refresh does, so Spring
	 * Security must not apply it a second time.
	 */
	private static void userServices(ConfigurerBeans beans,
			OAuth2LoginConfigurer<HttpSecurity>.UserInfoEndpointConfig userInfo) {
		OAuth2UserService<OAuth2UserRequest, OAuth2User> users = beans.required(OAuth2UserService.class,
				OAuth2UserRequest.class, OAuth2User.class);
		OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers = beans.required(OAuth2UserService.class,
				OidcUserRequest.class, OidcUser.class);
		UserAccess access = beans.optional(UserAccess.class);
		if (access != null) {
			users = new AuthorizingOAuth2UserService(users, access);
			oidcUsers = new AuthorizingOidcUserService(oidcUsers, access, beans.optional(RequestedAuthentication.class,
					() -> new RequestedAuthentication(Clock.systemUTC(), RequestedAuthentication.DEFAULT_SKEW)));
		}
		userInfo.userService(users).oidcUserService(oidcUsers).userAuthoritiesMapper((authorities) -> authorities);
	}

	@Override
	public void init(HttpSecurity http) {
		ConfigurerBeans beans = new ConfigurerBeans(http);
		ProviderRegistrations registrations = beans.required(ProviderRegistrations.class);
		AuthPaths paths = beans.required(AuthPaths.class);
		AuthErrorResponder responder = beans.required(AuthErrorResponder.class);
		ApplicationEventPublisher events = beans.context();
		String defaultRedirect = beans.required(FlowSettings.class).defaultRedirect();
		SecurityContextRepository securityContext = beans.required(SessionSecurityContextRepository.class);
		LoginStartFailureHandler startFailureHandler = new LoginStartFailureHandler(paths, responder, events);
		LoginCallbackFailureHandler callbackFailures = new LoginCallbackFailureHandler(
				beans.required(SessionUserStore.class), paths, defaultRedirect, responder, events);
		LastUsedProvider lastUsed = beans.optional(LastUsedProvider.class);
		DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, paths.login());
		requests.setAuthorizationRequestCustomizer(new ProviderAuthorizationRequestCustomizer(registrations));
		http.oauth2Login((login) -> login.clientRegistrationRepository(registrations)
			.authorizedClientRepository(beans.required(OAuth2AuthorizedClientRepository.class))
			.securityContextRepository(securityContext)
			.authorizationEndpoint((authorization) -> authorization.baseUri(paths.login())
				.authorizationRequestResolver(resolver(beans, paths, registrations, requests))
				.authorizationRequestRepository(authorizationRequests(beans)))
			.redirectionEndpoint((redirection) -> redirection.baseUri(paths.callback() + "/*"))
			.tokenEndpoint((token) -> token.accessTokenResponseClient(
					beans.required(OAuth2AccessTokenResponseClient.class, OAuth2AuthorizationCodeGrantRequest.class)))
			.userInfoEndpoint((userInfo) -> userServices(beans, userInfo))
			.successHandler(new LoginSuccessHandler(defaultRedirect, events, beans.optional(SessionIndex.class),
					lastUsed, beans.optional(TenantBoundary.class)))
			.failureHandler(callbackFailures)
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
				@Override
				public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
					filter.setAuthenticationFailureHandler(startFailureHandler);
					return filter;
				}
			}));
		http.addFilterBefore(
				new LoginObservationFilter(paths, beans.optional(AuthObservations.class, () -> AuthObservations.NOOP)),
				OAuth2AuthorizationRequestRedirectFilter.class);
		TenantBoundary tenants = beans.optional(TenantBoundary.class);
		if (tenants != null) {
			// after the observation filter, which records its refusals
			http.addFilterBefore(new TenantBoundaryFilter(paths, tenants, responder, events),
					OAuth2AuthorizationRequestRedirectFilter.class);
		}
		SignedAuthorizationResponses signed = beans.optional(SignedAuthorizationResponses.class);
		if (signed != null) {
			http.addFilterBefore(new SignedResponseFilter(paths, signed, callbackFailures,
					beans.required(FlowSettings.class).cookieName()), OAuth2LoginAuthenticationFilter.class);
		}
		// first of all: before a session could be forced on a response cached publicly
		http.addFilterBefore(
				new PageAssetsFilter(paths, beans.optional(PageStylesheet.class, () -> PageStylesheet.DEFAULT),
						beans.optional(PageTexts.class, () -> PageTexts.STARTER_ONLY)),
				DisableEncodeUrlFilter.class);
		http.securityContext((context) -> context.securityContextRepository(securityContext));
		http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		CsrfCookie csrfCookie = beans.optional(CsrfCookie.class, () -> CsrfCookie.DEFAULT);
		// the CSRF token lives in a cookie JavaScript can read (XSRF-TOKEN by default),
		// not in the session; a form_post callback is a cross-site POST without a token,
		// which the flow's state and binding cookie protect instead
		http.csrf((csrf) -> csrf.spa()
			.csrfTokenRepository(CsrfCookieFilter.tokenRepository(csrfCookie.name()))
			.ignoringRequestMatchers(paths.callback() + "/*"));
		http.addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class);
		OnRequestTokenRefreshFilter onRequestRefresh = beans.optional(OnRequestTokenRefreshFilter.class);
		if (onRequestRefresh != null) {
			http.addFilterAfter(onRequestRefresh, SecurityContextHolderFilter.class);
		}
		// a login concern: it needs no logout bean
		if (paths.servesSignInPage()) {
			SignInPageFilter signInPage = new SignInPageFilter(paths, registrations,
					beans.optional(PageBranding.class, () -> PageBranding.NONE), lastUsed);
			if (tenants != null) {
				signInPage.setTenants(tenants::tenantOf);
			}
			HomeRealms realms = beans.optional(HomeRealms.class);
			if (realms != null) {
				signInPage.setEmailSignIn(new EmailSignIn(realms, paths));
			}
			http.addFilterBefore(signInPage, OAuth2AuthorizationRequestRedirectFilter.class);
		}
		logout(http, beans, paths, registrations);
		LoginEntryPoint entryPoint = new LoginEntryPoint(paths, registrations, responder);
		if (tenants != null) {
			entryPoint.setTenants(tenants::tenantOf);
		}
		entryPoint.setEmailSignIn(paths.servesSignInPage() && beans.optional(HomeRealms.class) != null);
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
			// a default: an accessDeniedHandler the application sets itself still wins
			.defaultAccessDeniedHandlerFor(new AuthAccessDeniedHandler(responder, paths, csrfCookie.name()),
					AnyRequestMatcher.INSTANCE));
	}

	private static void logout(HttpSecurity http, ConfigurerBeans beans, AuthPaths paths,
			ProviderRegistrations registrations) {
		LogoutSettings settings = beans.optional(LogoutSettings.class);
		ProviderLogoutHandler handler = beans.optional(ProviderLogoutHandler.class);
		LogoutPagesFilter pages = beans.optional(LogoutPagesFilter.class);
		Set<String> localOnly = (settings != null) ? settings.localOnlyProviders() : Set.of();
		ProviderListFilter providerList = new ProviderListFilter(paths, registrations, localOnly);
		TenantBoundary tenants = beans.optional(TenantBoundary.class);
		if (tenants != null) {
			providerList.setTenants(tenants::tenantOf);
		}
		http.addFilterBefore(providerList, LogoutFilter.class);
		if (settings == null || handler == null || pages == null) {
			return;
		}
		http.logout((configurer) -> configurer.logoutUrl(settings.path())
			.addLogoutHandler(handler)
			.logoutSuccessHandler(handler));
		http.addFilterBefore(pages, LogoutFilter.class);
		BackChannelLogoutFilter backChannel = beans.optional(BackChannelLogoutFilter.class);
		if (backChannel != null) {
			http.addFilterBefore(backChannel, CsrfFilter.class);
		}
		FrontChannelLogoutFilter frontChannel = beans.optional(FrontChannelLogoutFilter.class);
		if (frontChannel != null) {
			// before the header writer: the provider must be able to frame its answer,
			// which sets its own frame-ancestors instead of X-Frame-Options: DENY
			http.addFilterBefore(frontChannel, HeaderWriterFilter.class);
		}
	}

}
