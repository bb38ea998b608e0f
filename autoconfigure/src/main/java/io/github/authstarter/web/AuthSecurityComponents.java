package io.github.authstarter.web;

import java.util.Set;

import io.github.authstarter.flow.LoginParameters;
import io.github.authstarter.flow.LoginStartLimiter;
import io.github.authstarter.logout.BackChannelLogoutFilter;
import io.github.authstarter.logout.FrontChannelLogoutFilter;
import io.github.authstarter.logout.LogoutPagesFilter;
import io.github.authstarter.logout.ProviderLogout;
import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.PushedAuthorizationRequests;
import io.github.authstarter.session.SessionUserStore;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
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
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Everything {@link AuthConfigurer} applies to a filter chain, each the bean the
 * auto-configuration chose (the application's own where it declared one). Built by the
 * auto-configuration; applications inject {@link AuthConfigurer} instead.
 *
 * @param registrations the providers
 * @param paths the login, callback and JSON paths
 * @param defaultRedirect where users land after login without a target
 * @param providersPath the path of the provider list
 * @param localLogoutProviders the providers whose logout is local only
 * @param responder writes errors
 * @param flowState keeps the login-flow state between start and callback
 * @param authorizedClients keeps the signed-in user's tokens
 * @param securityContext keeps the signed-in user
 * @param tokenClient exchanges the code at the token endpoint
 * @param userService loads OAuth2 users
 * @param oidcUserService loads OpenID Connect users
 * @param store the session record store
 * @param events where sign-in events go
 * @param sessionIndex indexes sessions for back-channel logout, or {@code null}
 * @param onRequestRefresh refreshes expiring tokens on every request, or {@code null}
 * @param logout logout, or {@code null} for none
 * @param observations records the login callbacks
 * @param loginParameters which parameters of a login start go on to each provider
 * @param par pushes authorization requests (RFC 9126) where a provider's mode asks, or
 * {@code null}
 * @param loginStarts caps login starts, or {@code null} for no cap
 * @param csrfCookieName the name of the cookie that carries the CSRF token
 */
public record AuthSecurityComponents(DiscoveringClientRegistrationRepository registrations, AuthPaths paths,
		String defaultRedirect, String providersPath, Set<String> localLogoutProviders, AuthErrorResponder responder,
		AuthorizationRequestRepository<OAuth2AuthorizationRequest> flowState,
		OAuth2AuthorizedClientRepository authorizedClients, SecurityContextRepository securityContext,
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient,
		OAuth2UserService<OAuth2UserRequest, OAuth2User> userService,
		OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService, SessionUserStore store,
		ApplicationEventPublisher events, @Nullable SessionIndex sessionIndex, @Nullable Filter onRequestRefresh,
		@Nullable Logout logout, ObservationRegistry observations, LoginParameters loginParameters,
		@Nullable PushedAuthorizationRequests par, @Nullable LoginStartLimiter loginStarts, String csrfCookieName) {

	/**
	 * Logout's part.
	 *
	 * @param path where logout is posted
	 * @param handler ends the session here and at the provider
	 * @param pages the confirmation page and the provider's return
	 * @param backChannel the back-channel logout receiver, or {@code null}
	 * @param frontChannel the front-channel logout receiver, or {@code null}
	 */
	public record Logout(String path, ProviderLogout handler, LogoutPagesFilter pages,
			@Nullable BackChannelLogoutFilter backChannel, @Nullable FrontChannelLogoutFilter frontChannel) {

		/**
		 * Logout without a front-channel receiver.
		 * @param path where logout is posted
		 * @param handler ends the session here and at the provider
		 * @param pages the confirmation page and the provider's return
		 * @param backChannel the back-channel logout receiver, or {@code null}
		 */
		public Logout(String path, ProviderLogout handler, LogoutPagesFilter pages,
				@Nullable BackChannelLogoutFilter backChannel) {
			this(path, handler, pages, backChannel, null);
		}

	}

}
