package io.github.authstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.access.RequestedAuthentication;
import io.github.authstarter.logout.UserSessions;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.ProviderApis;
import io.github.authstarter.token.TokenRefresher;
import io.github.authstarter.user.CurrentUser;
import io.github.authstarter.user.CurrentUserArgumentResolver;
import io.github.authstarter.user.TokenExposure;
import io.github.authstarter.user.TokenKind;
import io.github.authstarter.web.AuthErrorResponder;
import io.github.authstarter.web.AuthExceptionResolver;
import io.github.authstarter.web.AuthPaths;
import io.github.authstarter.web.AuthSessionsHandler;
import io.github.authstarter.web.AuthUserHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@link CurrentUser} and what application code and the browser see of it: the user
 * endpoint, the controller argument and the error mapping. Imported by
 * {@link AuthUserAutoConfiguration} and by the starter's test slice
 * ({@code auth-spring-boot-starter-test}), which supplies its own {@link TokenRefresher};
 * applications do not import it.
 */
@Configuration(proxyBeanMethods = false)
public final class AuthCurrentUserConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TokenExposure authTokenExposure(AuthProperties properties, ObjectProvider<StoredProviders> stored) {
		Map<String, Set<TokenKind>> exposed = new LinkedHashMap<>();
		properties.getProviders()
			.forEach((id, provider) -> exposed.put(id, new LinkedHashSet<>(provider.getExposeTokens())));
		return new TokenExposure(ProviderSettingMap.of(exposed, stored.getIfAvailable(),
				(provider) -> Set.copyOf(provider.settings().getExposeTokens())));
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderApis authProviderApis(AuthProperties properties, ObjectProvider<StoredProviders> stored) {
		StoredProviders providers = stored.getIfAvailable();
		if (providers == null) {
			return new ProviderApis(ApiDefinitionMapper.apis(properties));
		}
		return new ProviderApis(ApiDefinitionMapper.apis(properties), (id) -> {
			CompiledProvider provider = providers.active(id);
			return (provider != null) ? provider.apis() : List.of();
		});
	}

	@Bean
	@ConditionalOnMissingBean
	CurrentUser currentUser(SessionUserStore store, TokenRefresher refresher, TokenExposure exposure,
			ObjectProvider<UserSessions> userSessions, ProviderApis apis, ProviderHttpClients http,
			AuthProperties properties, RequestedAuthentication requested) {
		return new CurrentUser(store, refresher, exposure, userSessions.getIfAvailable(), apis, http,
				properties.getApis().getRetryCooldown(), requested, requested::provesReauthentication);
	}

	@Bean
	WebMvcConfigurer authCurrentUserArgument(CurrentUser currentUser) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CurrentUserArgumentResolver(currentUser));
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	AuthUserHandler authUserHandler(CurrentUser currentUser, SessionUserStore store, TokenExposure exposure,
			AuthProperties properties) {
		return new AuthUserHandler(currentUser, store, exposure, properties.getLogout().getPath());
	}

	@Bean
	RouterFunction<ServerResponse> authUserRoutes(AuthUserHandler handler, ObjectProvider<AuthPaths> paths,
			AuthProperties properties) {
		return handler.routes(paths.getIfAvailable(() -> AuthPathsMapper.paths(properties)));
	}

	@Bean
	@ConditionalOnMissingBean
	AuthSessionsHandler authSessionsHandler(CurrentUser currentUser, ObjectProvider<AuthErrorResponder> responder) {
		return new AuthSessionsHandler(currentUser, responder.getIfAvailable(AuthErrorResponder::standard));
	}

	@Bean
	RouterFunction<ServerResponse> authSessionsRoutes(AuthSessionsHandler handler, ObjectProvider<AuthPaths> paths,
			AuthProperties properties) {
		return handler.routes(paths.getIfAvailable(() -> AuthPathsMapper.paths(properties)));
	}

	@Bean
	@ConditionalOnMissingBean
	AuthExceptionResolver authExceptionResolver(ObjectProvider<AuthErrorResponder> responder,
			ObjectProvider<AuthPaths> paths, ObjectProvider<ProviderRegistrations> registrations,
			AuthProperties properties) {
		AuthPaths resolved = paths.getIfAvailable(() -> AuthPathsMapper.paths(properties));
		ProviderRegistrations repository = registrations.getIfAvailable();
		// one provider: its login; several: the page that lists them
		String loginPath = (repository != null && repository.definitions().size() == 1)
				? resolved.loginPath(repository.definitions().get(0).registrationId()) : resolved.signInPage();
		return new AuthExceptionResolver(responder.getIfAvailable(AuthErrorResponder::standard), resolved, loginPath);
	}

}
