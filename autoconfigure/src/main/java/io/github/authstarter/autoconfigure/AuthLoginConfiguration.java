package io.github.authstarter.autoconfigure;

import java.time.Duration;

import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.GitHubEmailUserService;
import io.github.authstarter.provider.ProviderHttp;
import io.github.authstarter.user.SignInProviders;
import io.github.authstarter.web.AuthErrorResponder;
import io.github.authstarter.web.AuthPaths;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * The login's parts that need no Redis: paths, the calls to the provider at the callback
 * (every one bounded: Spring Security's defaults wait for ever), the error responder and
 * the provider list. Imported by {@link AuthLoginAutoConfiguration} and by the starter's
 * test slice; applications do not import it. Each bean backs off for the application's
 * own.
 */
@Configuration(proxyBeanMethods = false)
public final class AuthLoginConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuthPaths authPaths(AuthProperties properties) {
		return new AuthPaths(properties.getLogin().getPath(), properties.getLogin().getCallbackPath(),
				properties.getUser().getPath(), properties.getRefresh().getPath());
	}

	@Bean
	@ConditionalOnMissingBean
	AuthErrorResponder authErrorResponder() {
		return AuthErrorResponder.standard();
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authAuthorizationCodeTokenResponseClient(
			AuthProperties properties) {
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(ProviderHttp.tokenEndpointClient(timeout(properties)));
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2UserService<OAuth2UserRequest, OAuth2User> authOAuth2UserService(
			DiscoveringClientRegistrationRepository registrations, AuthProperties properties) {
		return new GitHubEmailUserService(boundedUserInfo(properties), registrations, timeout(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2UserService<OidcUserRequest, OidcUser> authOidcUserService(AuthProperties properties) {
		OidcUserService oidc = new OidcUserService();
		oidc.setOauth2UserService(boundedUserInfo(properties));
		return oidc;
	}

	@Bean
	@ConditionalOnMissingBean
	SignInProviders authSignInProviders(DiscoveringClientRegistrationRepository registrations, AuthPaths paths) {
		return new SignInProviders(registrations.definitions()
			.stream()
			.map((definition) -> new SignInProviders.SignInProvider(definition.registrationId(),
					definition.displayName(), paths.loginPath(definition.registrationId())))
			.toList());
	}

	private static DefaultOAuth2UserService boundedUserInfo(AuthProperties properties) {
		DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
		userInfo.setRestOperations(ProviderHttp.restTemplate(timeout(properties)));
		return userInfo;
	}

	private static Duration timeout(AuthProperties properties) {
		return properties.getRefresh().getTimeout();
	}

}
