package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.flow.LoginParameter;
import io.github.authstarter.flow.LoginParameters;
import io.github.authstarter.flow.SignedAuthorizationResponses;
import io.github.authstarter.provider.AppleUserOidcUserService;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.DpopMode;
import io.github.authstarter.provider.DpopProofs;
import io.github.authstarter.provider.GitHubEmailUserService;
import io.github.authstarter.provider.ParMode;
import io.github.authstarter.provider.ProviderCodeExchangeClient;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.provider.ProviderProfiles;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.provider.ProviderUserInfoService;
import io.github.authstarter.provider.PushedAuthorizationRequests;
import io.github.authstarter.provider.RequestObjectMode;
import io.github.authstarter.provider.RequestObjects;
import io.github.authstarter.session.TokenCipher;
import io.github.authstarter.token.ProviderApis;
import io.github.authstarter.user.SignInProviders;
import io.github.authstarter.web.AuthErrorResponder;
import io.github.authstarter.web.AuthPaths;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
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
@Import(AuthHttpConfiguration.class)
public final class AuthLoginConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LoginParameters authLoginParameters(AuthProperties properties, ObjectProvider<ProviderApis> apis,
			ObjectProvider<StoredProviders> stored) {
		Map<String, Set<LoginParameter>> allowed = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> {
			Set<LoginParameter> forwarded = EnumSet.noneOf(LoginParameter.class);
			forwarded.addAll(provider.getForwardParams());
			allowed.put(id, forwarded);
		});
		// the same APIs CurrentUser answers for, so a consent link names only those
		return new LoginParameters(
				ProviderSettingMap.of(allowed, stored.getIfAvailable(),
						(provider) -> Set.copyOf(provider.settings().getForwardParams())),
				apis.getIfAvailable(() -> new ProviderApis(ApiDefinitionMapper.apis(properties))));
	}

	@Bean
	@ConditionalOnMissingBean
	AuthPaths authPaths(AuthProperties properties) {
		return AuthPathsMapper.paths(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	AuthErrorResponder authErrorResponder(AuthProperties properties) {
		String page = AuthPathsMapper.pagePath("auth.web.pages.error-page",
				properties.getWeb().getPages().getErrorPage());
		return (page != null) ? AuthErrorResponder.forwardTo(page) : AuthErrorResponder.standard();
	}

	/**
	 * Sender-constrained tokens (DPoP) where a provider's {@code dpop} mode asks for
	 * them: the providers' HTTP clients sign a proof whenever a call runs with a
	 * sign-in's key, and do nothing otherwise.
	 */
	@Bean
	@ConditionalOnMissingBean
	DpopProofs authDpopProofs(ProviderRegistrations registrations, ObjectProvider<TokenCipher> cipher,
			AuthProperties properties, ObjectProvider<StoredProviders> stored) {
		// a proof's iat is checked against the server's clock, not the starter's
		Clock clock = Clock.systemUTC();
		Map<String, DpopMode> modes = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> modes.put(id, provider.effectiveDpop()));
		TokenCipher tokens = cipher.getIfAvailable(() -> TokenCipher.NONE);
		return new DpopProofs(
				ProviderSettingMap.of(modes, stored.getIfAvailable(),
						(provider) -> provider.settings().effectiveDpop()),
				registrations, clock, (key) -> tokens.seal(key, "dpop_key"),
				(sealed) -> tokens.open(sealed, "dpop_key"));
	}

	/**
	 * Hands whichever {@link DpopProofs} there is, the application's own included, to the
	 * providers' HTTP clients once every bean exists, before the first request.
	 */
	@Bean
	static SmartInitializingSingleton authDpopBinding(ObjectProvider<DpopProofs> dpop,
			ObjectProvider<ProviderHttpClients> http) {
		return () -> dpop.ifAvailable((proofs) -> http.ifAvailable((clients) -> clients.bindTokensWith(proofs)));
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authAuthorizationCodeTokenResponseClient(
			ProviderHttpClients http, ObjectProvider<ClientCredentials> credentials) {
		return new ProviderCodeExchangeClient(http, credentials.getIfAvailable(() -> ClientCredentials.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2UserService<OAuth2UserRequest, OAuth2User> authOAuth2UserService(ProviderRegistrations registrations,
			ProviderHttpClients http) {
		return new GitHubEmailUserService(new ProviderUserInfoService(http), registrations, http);
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2UserService<OidcUserRequest, OidcUser> authOidcUserService(ProviderHttpClients http,
			ProviderRegistrations registrations) {
		OidcUserService oidc = new OidcUserService();
		oidc.setOauth2UserService(new ProviderUserInfoService(http));
		return new AppleUserOidcUserService(oidc, registrations);
	}

	/**
	 * Opens the signed authorization responses (JARM) of providers whose
	 * {@code response-mode} is a JWT one, with the algorithms their ID tokens are held
	 * to.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ProviderKeySets.class)
	SignedAuthorizationResponses authSignedAuthorizationResponses(ProviderRegistrations registrations,
			ProviderKeySets keySets, ObjectProvider<ProviderProfiles> profiles,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		return new SignedAuthorizationResponses(registrations, keySets,
				profiles.getIfAvailable(() -> ProviderProfiles.NONE)::idTokenAlgorithms,
				AuthClockConfiguration.of(clocks));
	}

	@Bean
	@ConditionalOnMissingBean
	PushedAuthorizationRequests authPushedAuthorizationRequests(ProviderRegistrations registrations,
			ProviderHttpClients http, ObjectProvider<ClientCredentials> credentials, AuthProperties properties,
			ObjectProvider<StoredProviders> stored) {
		Map<String, ParMode> modes = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> modes.put(id, provider.effectivePar()));
		return new PushedAuthorizationRequests(registrations, http,
				credentials.getIfAvailable(() -> ClientCredentials.NONE), ProviderSettingMap.of(modes,
						stored.getIfAvailable(), (provider) -> provider.settings().effectivePar()));
	}

	/**
	 * Signed authorization requests (JAR) for the providers whose {@code request-object}
	 * mode, or profile, asks for them; signed with the keys of their client assertions.
	 */
	@Bean
	@ConditionalOnMissingBean
	RequestObjects authRequestObjects(ProviderRegistrations registrations,
			ObjectProvider<ClientCredentials> credentials, AuthProperties properties,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		Set<String> signed = new LinkedHashSet<>();
		properties.getProviders().forEach((id, provider) -> {
			if (provider.effectiveRequestObject() == RequestObjectMode.SIGNED) {
				signed.add(id);
			}
		});
		return new RequestObjects(signed, registrations, credentials.getIfAvailable(() -> ClientCredentials.NONE),
				AuthClockConfiguration.of(clocks));
	}

	@Bean
	@ConditionalOnMissingBean
	SignInProviders authSignInProviders(ProviderRegistrations registrations, AuthPaths paths) {
		return new SignInProviders(registrations.definitions()
			.stream()
			.map((definition) -> new SignInProviders.SignInProvider(definition.registrationId(),
					definition.displayName(), paths.loginPath(definition.registrationId())))
			.toList());
	}

}
