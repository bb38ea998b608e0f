package io.github.authstarter.web;

import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.GitHubEmailUserService;

import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Applies the starter's login to a {@link HttpSecurity}, for applications that declare
 * their own {@code SecurityFilterChain}:
 * {@code http.with(AuthConfigurer.auth(), Customizer.withDefaults())}.
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
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, paths.login());
		resolver.setAuthorizationRequestCustomizer(new ProviderAuthorizationRequestCustomizer(registrations));
		LoginStartFailureHandler failureHandler = new LoginStartFailureHandler(paths);
		boolean userServiceDeclared = context.getBeanNamesForType(ResolvableType
			.forClassWithGenerics(OAuth2UserService.class, OAuth2UserRequest.class, OAuth2User.class)).length > 0;
		http.oauth2Login((login) -> login.clientRegistrationRepository(registrations).userInfoEndpoint((userInfo) -> {
			if (!userServiceDeclared) {
				userInfo.userService(new GitHubEmailUserService(registrations));
			}
		})
			.authorizationEndpoint(
					(authorization) -> authorization.baseUri(paths.login()).authorizationRequestResolver(resolver))
			.redirectionEndpoint((redirection) -> redirection.baseUri(paths.callback() + "/*"))
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
				@Override
				public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
					filter.setAuthenticationFailureHandler(failureHandler);
					return filter;
				}
			}));
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(new LoginEntryPoint(paths, registrations)));
	}

}
