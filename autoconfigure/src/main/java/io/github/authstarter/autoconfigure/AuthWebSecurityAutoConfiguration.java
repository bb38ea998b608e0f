package io.github.authstarter.autoconfigure;

import java.time.Clock;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.access.AuthorizingOAuth2UserService;
import io.github.authstarter.access.AuthorizingOidcUserService;
import io.github.authstarter.access.RequestedAuthentication;
import io.github.authstarter.access.UserAccess;
import io.github.authstarter.flow.FlowSettings;
import io.github.authstarter.flow.LoginParameters;
import io.github.authstarter.flow.LoginStartLimiter;
import io.github.authstarter.provider.PushedAuthorizationRequests;
import org.jspecify.annotations.Nullable;
import io.github.authstarter.logout.BackChannelLogoutFilter;
import io.github.authstarter.logout.LogoutPagesFilter;
import io.github.authstarter.logout.LogoutSettings;
import io.github.authstarter.logout.LogoutStyle;
import io.github.authstarter.logout.ProviderLogout;
import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.session.SessionSecurityContextRepository;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.OnRequestTokenRefreshFilter;
import io.github.authstarter.web.AuthConfigurer;
import io.github.authstarter.web.AuthErrorResponder;
import io.github.authstarter.web.AuthPaths;
import io.github.authstarter.web.AuthSecurityComponents;
import io.github.authstarter.web.LoggingRequestRejectedHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.ClassUtils;

/**
 * Gathers the beans the login, refresh, logout and session configurations chose into the
 * {@link AuthConfigurer} that applications inject into their own
 * {@code SecurityFilterChain}, and, for applications without one, a default chain: the
 * auth endpoints open, everything else signed in.
 */
@AutoConfiguration(
		after = { AuthProvidersAutoConfiguration.class, AuthSessionAutoConfiguration.class,
				AuthLoginAutoConfiguration.class, AuthAccessAutoConfiguration.class, AuthRefreshAutoConfiguration.class,
				AuthLogoutAutoConfiguration.class, AuthUserAutoConfiguration.class },
		before = { OAuth2ClientWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnBean({ DiscoveringClientRegistrationRepository.class, SessionUserStore.class, AuthPaths.class })
public final class AuthWebSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestRejectedHandler authRequestRejectedHandler(AuthErrorResponder responder, AuthPaths paths) {
		return new LoggingRequestRejectedHandler(responder, paths);
	}

	/**
	 * Whichever service loads the user, what it may do and whether it may sign in is
	 * decided the same way as on refresh.
	 */
	private static OAuth2UserService<OAuth2UserRequest, OAuth2User> authorizing(
			OAuth2UserService<OAuth2UserRequest, OAuth2User> service, @Nullable UserAccess access) {
		return (access != null) ? new AuthorizingOAuth2UserService(service, access) : service;
	}

	private static OAuth2UserService<OidcUserRequest, OidcUser> authorizingOidc(
			OAuth2UserService<OidcUserRequest, OidcUser> service, @Nullable UserAccess access,
			RequestedAuthentication requested) {
		return (access != null) ? new AuthorizingOidcUserService(service, access, requested) : service;
	}

	@Bean
	@ConditionalOnMissingBean
	AuthSecurityComponents authSecurityComponents(DiscoveringClientRegistrationRepository registrations,
			AuthPaths paths, FlowSettings flow, AuthProperties properties, AuthErrorResponder responder,
			AuthorizationRequestRepository<OAuth2AuthorizationRequest> flowState,
			OAuth2AuthorizedClientRepository authorizedClients, SessionSecurityContextRepository securityContext,
			OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient,
			OAuth2UserService<OAuth2UserRequest, OAuth2User> userService,
			OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService, SessionUserStore store,
			ApplicationEventPublisher events, ObjectProvider<SessionIndex> sessionIndex,
			ObjectProvider<OnRequestTokenRefreshFilter> onRequestRefresh, ObjectProvider<ProviderLogout> logout,
			ObjectProvider<LogoutSettings> logoutSettings, ObjectProvider<LogoutPagesFilter> logoutPages,
			ObjectProvider<BackChannelLogoutFilter> backChannel,
			ObjectProvider<io.github.authstarter.logout.FrontChannelLogoutFilter> frontChannel,
			ObjectProvider<ObservationRegistry> observations, ObjectProvider<UserAccess> access,
			ObjectProvider<LoginParameters> loginParameters, ObjectProvider<PushedAuthorizationRequests> par,
			ObjectProvider<LoginStartLimiter> loginStarts, ObjectProvider<RequestedAuthentication> requested,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		Set<String> localLogout = new LinkedHashSet<>();
		properties.getProviders().forEach((id, provider) -> {
			if (provider.getLogout() == LogoutStyle.LOCAL) {
				localLogout.add(id);
			}
		});
		ProviderLogout logoutHandler = logout.getIfAvailable();
		LogoutSettings settings = logoutSettings.getIfAvailable();
		LogoutPagesFilter pages = logoutPages.getIfAvailable();
		AuthSecurityComponents.Logout logoutPart = (logoutHandler != null && settings != null && pages != null)
				? new AuthSecurityComponents.Logout(settings.path(), logoutHandler, pages, backChannel.getIfAvailable(),
						frontChannel.getIfAvailable())
				: null;
		return new AuthSecurityComponents(registrations, paths, flow.defaultRedirect(),
				properties.getLogin().getProvidersPath(), localLogout, responder, flowState, authorizedClients,
				securityContext, tokenClient, authorizing(userService, access.getIfAvailable()),
				authorizingOidc(oidcUserService, access.getIfAvailable(),
						requested.getIfAvailable(
								() -> AuthAccessAutoConfiguration.requestedAuthentication(properties, clocks))),
				store, events, sessionIndex.getIfAvailable(), onRequestRefresh.getIfAvailable(), logoutPart,
				observations.getIfAvailable(() -> ObservationRegistry.NOOP),
				loginParameters.getIfAvailable(() -> new LoginParameters(Map.of())), par.getIfAvailable(),
				loginStarts.getIfAvailable(), csrfCookieName(properties));
	}

	/**
	 * Checked here, not at the first request, where Tomcat would refuse to write the
	 * cookie and every page would fail.
	 */
	private static String csrfCookieName(AuthProperties properties) {
		String name = properties.getWeb().getCsrfCookieName();
		// an RFC 6265 token: what a Set-Cookie header can carry as a name
		if (!name.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+")) {
			throw new InvalidConfigurationPropertyValueException("auth.web.csrf-cookie-name", name,
					"not a cookie name: use letters, digits and !#$%&'*+-.^_`|~ only");
		}
		return name;
	}

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	AuthConfigurer authConfigurer(AuthSecurityComponents components) {
		// one per filter chain: a configurer is applied once
		return new AuthConfigurer(components);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	static class DefaultSecurityFilterChainConfiguration {

		private static final boolean ACTUATOR = ClassUtils.isPresent(
				"org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints",
				DefaultSecurityFilterChainConfiguration.class.getClassLoader());

		@Bean
		SecurityFilterChain authSecurityFilterChain(HttpSecurity http, AuthPaths paths, AuthConfigurer auth)
				throws Exception {
			http.authorizeHttpRequests((requests) -> {
				// as Boot's own default chain: load balancers and orchestrators probe
				// health without signing in (what it shows follows show-details)
				if (ACTUATOR) {
					requests.requestMatchers(EndpointRequest.to("health")).permitAll();
				}
				requests.requestMatchers(paths.login() + "/**", paths.callback() + "/**", "/error")
					.permitAll()
					.anyRequest()
					.authenticated();
			});
			http.with(auth, Customizer.withDefaults());
			return http.build();
		}

	}

}
