package io.github.authstarter.web;

import java.time.Duration;

import io.github.authstarter.flow.FlowSettings;
import io.github.authstarter.flow.RedirectingAuthorizationRequestResolver;
import io.github.authstarter.logout.BackChannelLogoutFilter;
import io.github.authstarter.logout.LogoutPagesFilter;
import io.github.authstarter.logout.LogoutSettings;
import io.github.authstarter.logout.ProviderLogout;
import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.GitHubEmailUserService;
import io.github.authstarter.provider.ProviderHttp;
import io.github.authstarter.session.SessionAuthorizedClientRepository;
import io.github.authstarter.session.SessionSecurityContextRepository;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.OnRequestTokenRefreshFilter;
import io.github.authstarter.token.RefreshSettings;
import io.github.authstarter.token.TokenRefresher;

import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Applies the starter's login to a {@link HttpSecurity}, for applications that declare
 * their own {@code SecurityFilterChain}:
 * {@code http.with(AuthConfigurer.auth(), Customizer.withDefaults())}. It wires the Redis
 * flow state, the JSON session record, the error handling and the entry point; it never
 * puts a saved request or a serialized security context in the session.
 */
public final class AuthConfigurer extends AbstractHttpConfigurer<AuthConfigurer, HttpSecurity> {

	private AuthConfigurer() {
	}

	/**
	 * Creates the configurer.
	 * @return a new configurer
	 */
	public static AuthConfigurer auth() {
		return new AuthConfigurer();
	}

	@Override
	public void init(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		DiscoveringClientRegistrationRepository registrations = context
			.getBean(DiscoveringClientRegistrationRepository.class);
		AuthPaths paths = context.getBeanProvider(AuthPaths.class).getIfAvailable(() -> AuthPaths.DEFAULTS);
		FlowSettings flow = context.getBean(FlowSettings.class);
		SessionUserStore store = context.getBean(SessionUserStore.class);
		AuthErrorResponder responder = context.getBeanProvider(AuthErrorResponder.class)
			.getIfAvailable(AuthErrorResponder::standard);
		DefaultOAuth2AuthorizationRequestResolver defaultResolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, paths.login());
		defaultResolver.setAuthorizationRequestCustomizer(new ProviderAuthorizationRequestCustomizer(registrations));
		LoginStartFailureHandler startFailureHandler = new LoginStartFailureHandler(paths, responder, context);
		boolean userServiceDeclared = declared(context, OAuth2UserService.class, OAuth2UserRequest.class,
				OAuth2User.class);
		boolean oidcUserServiceDeclared = declared(context, OAuth2UserService.class, OidcUserRequest.class,
				OidcUser.class);
		boolean tokenClientDeclared = declared(context, OAuth2AccessTokenResponseClient.class,
				OAuth2AuthorizationCodeGrantRequest.class);
		// every call to the provider is bounded: Spring Security's defaults wait for ever
		RefreshSettings refreshSettings = context.getBeanProvider(RefreshSettings.class).getIfAvailable();
		Duration providerTimeout = (refreshSettings != null) ? refreshSettings.timeout() : Duration.ofSeconds(5);
		DefaultOAuth2UserService boundedUserInfo = new DefaultOAuth2UserService();
		boundedUserInfo.setRestOperations(ProviderHttp.restTemplate(providerTimeout));
		http.oauth2Login((login) -> login.clientRegistrationRepository(registrations)
			.authorizedClientRepository(context.getBean(SessionAuthorizedClientRepository.class))
			.securityContextRepository(context.getBean(SessionSecurityContextRepository.class))
			.authorizationEndpoint((authorization) -> authorization.baseUri(paths.login())
				.authorizationRequestResolver(new RedirectingAuthorizationRequestResolver(defaultResolver))
				.authorizationRequestRepository(flowStateRepository(context)))
			.redirectionEndpoint((redirection) -> redirection.baseUri(paths.callback() + "/*"))
			.tokenEndpoint((token) -> {
				if (!tokenClientDeclared) {
					RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
					client.setRestClient(ProviderHttp.tokenEndpointClient(providerTimeout));
					token.accessTokenResponseClient(client);
				}
			})
			.userInfoEndpoint((userInfo) -> {
				if (!userServiceDeclared) {
					userInfo.userService(new GitHubEmailUserService(boundedUserInfo, registrations, providerTimeout));
				}
				if (!oidcUserServiceDeclared) {
					OidcUserService oidc = new OidcUserService();
					oidc.setOauth2UserService(boundedUserInfo);
					userInfo.oidcUserService(oidc);
				}
			})
			.successHandler(new LoginSuccessHandler(flow.defaultRedirect(), context,
					context.getBeanProvider(SessionIndex.class).getIfAvailable()))
			.failureHandler(new LoginCallbackFailureHandler(store, paths, flow.defaultRedirect(), responder, context))
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
				@Override
				public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
					filter.setAuthenticationFailureHandler(startFailureHandler);
					return filter;
				}
			}));
		http.securityContext((securityContext) -> securityContext
			.securityContextRepository(context.getBean(SessionSecurityContextRepository.class)));
		http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		// the CSRF token lives in a cookie JavaScript can read (XSRF-TOKEN), not in the
		// session; a form_post callback is a cross-site POST without a token, which the
		// flow's state and binding cookie protect instead
		http.csrf((csrf) -> csrf.spa().ignoringRequestMatchers(paths.callback() + "/*"));
		http.addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class);
		if (refreshSettings != null && refreshSettings.onRequest()) {
			http.addFilterAfter(new OnRequestTokenRefreshFilter(store, context.getBean(TokenRefresher.class)),
					SecurityContextHolderFilter.class);
		}
		ProviderLogout logout = context.getBeanProvider(ProviderLogout.class).getIfAvailable();
		LogoutSettings logoutSettings = context.getBeanProvider(LogoutSettings.class).getIfAvailable();
		if (logout != null && logoutSettings != null) {
			http.logout((configurer) -> configurer.logoutUrl(logoutSettings.path())
				.addLogoutHandler(logout)
				.logoutSuccessHandler(logout));
			http.addFilterBefore(context.getBean(LogoutPagesFilter.class), LogoutFilter.class);
			BackChannelLogoutFilter backChannel = context.getBeanProvider(BackChannelLogoutFilter.class)
				.getIfAvailable();
			if (backChannel != null) {
				http.addFilterBefore(backChannel, CsrfFilter.class);
			}
			http.addFilterBefore(new ProviderListFilter(logoutSettings.providersPath(), paths, registrations,
					logoutSettings.localOnlyProviders()), LogoutFilter.class);
		}
		http.exceptionHandling((exceptions) -> exceptions
			.authenticationEntryPoint(new LoginEntryPoint(paths, registrations, responder))
			// a default: an accessDeniedHandler the application sets itself still wins
			.defaultAccessDeniedHandlerFor(new AuthAccessDeniedHandler(responder), AnyRequestMatcher.INSTANCE));
	}

	private static boolean declared(ApplicationContext context, Class<?> type, Class<?>... generics) {
		return context.getBeanNamesForType(ResolvableType.forClassWithGenerics(type, generics)).length > 0;
	}

	@SuppressWarnings("unchecked")
	private static AuthorizationRequestRepository<OAuth2AuthorizationRequest> flowStateRepository(
			ApplicationContext context) {
		// by type, not RedisFlowStateRepository: test slices without Redis supply their
		// own
		return (AuthorizationRequestRepository<OAuth2AuthorizationRequest>) context
			.getBeanProvider(ResolvableType.forClassWithGenerics(AuthorizationRequestRepository.class,
					OAuth2AuthorizationRequest.class))
			.getObject();
	}

}
