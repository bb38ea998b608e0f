package io.github.authstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.authstarter.logout.BackChannelLogoutFilter;
import io.github.authstarter.logout.LogoutPagesFilter;
import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.logout.UserSessions;
import io.github.authstarter.logout.LogoutSettings;
import io.github.authstarter.logout.LogoutStyle;
import io.github.authstarter.logout.ProviderLogout;
import io.github.authstarter.logout.TokenRevoker;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.token.RefreshSettings;
import io.github.authstarter.user.SignInProviders;
import io.github.authstarter.web.AuthPaths;
import io.github.authstarter.token.SessionRefreshLock;
import io.github.authstarter.token.SingleFlightTokenRefresher;
import io.github.authstarter.token.TokenRefresher;
import io.github.authstarter.user.CurrentUser;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * {@link CurrentUser}, single-flight token refresh and the user and refresh endpoints.
 * Runs after Boot's Redis session configuration, whose shared session repository the
 * refresh reads and writes through.
 */
@AutoConfiguration(after = { AuthSessionAutoConfiguration.class, AuthWebSecurityAutoConfiguration.class,
		SessionDataRedisAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({ DiscoveringClientRegistrationRepository.class, SessionUserStore.class, SessionRepository.class })
@Import(AuthCurrentUserConfiguration.class)
public final class AuthUserAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RefreshSettings authRefreshSettings(AuthProperties properties) {
		AuthProperties.Refresh refresh = properties.getRefresh();
		return new RefreshSettings(refresh.getSkew(), refresh.getLockLease(), refresh.getWaitTimeout(),
				refresh.getTimeout(), properties.getFlow().getKeyPrefix().replace("flow:", ""), refresh.isOnRequest());
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

	@Bean
	@ConditionalOnMissingBean
	SessionRefreshLock authSessionRefreshLock(StringRedisTemplate redis, RefreshSettings settings) {
		return new SessionRefreshLock(redis, settings);
	}

	@Bean
	@ConditionalOnMissingBean(TokenRefresher.class)
	SingleFlightTokenRefresher authTokenRefresher(SessionRefreshLock lock,
			SessionRepository<? extends Session> sessions, SessionUserStore store,
			DiscoveringClientRegistrationRepository registrations,
			@Qualifier("authIdTokenDecoderFactory") JwtDecoderFactory<ClientRegistration> idTokenDecoders,
			RefreshSettings settings, ApplicationEventPublisher events) {
		SingleFlightTokenRefresher refresher = new SingleFlightTokenRefresher(lock, sessions, store, registrations,
				idTokenDecoders, settings);
		refresher.setApplicationEventPublisher(events);
		return refresher;
	}

	@Bean
	@ConditionalOnMissingBean
	LogoutSettings authLogoutSettings(AuthProperties properties) {
		Map<String, LogoutStyle> styles = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> styles.put(id, provider.getLogout()));
		Map<String, String> postLogout = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> {
			if (provider.getPostLogoutRedirectUri() != null) {
				postLogout.put(id, provider.getPostLogoutRedirectUri());
			}
		});
		AuthProperties.Logout logout = properties.getLogout();
		return new LogoutSettings(logout.getPath(), logout.getReturnPath(), logout.getSuccessPath(), styles,
				properties.getFlow().getKeyPrefix().replace("flow:", ""), properties.getLogin().getProvidersPath(),
				postLogout);
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderLogout authProviderLogout(SessionUserStore store, DiscoveringClientRegistrationRepository registrations,
			StringRedisTemplate redis, LogoutSettings settings, AuthProperties properties,
			ApplicationEventPublisher events, SessionIndex index, SessionRefreshLock lock,
			SessionRepository<? extends Session> sessions) {
		ProviderLogout logout = new ProviderLogout(store, registrations,
				new TokenRevoker(properties.getLogout().getRevocationTimeout()), redis, settings, lock, sessions,
				properties.getRefresh().getWaitTimeout());
		logout.setApplicationEventPublisher(events);
		logout.setSessionIndex(index);
		return logout;
	}

	@Bean
	@ConditionalOnMissingBean
	UserSessions authUserSessions(SessionIndex index, SessionRepository<? extends Session> sessions) {
		return new UserSessions(index, sessions);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionIndex authSessionIndex(StringRedisTemplate redis, AuthProperties properties) {
		return new SessionIndex(redis, properties.getFlow().getKeyPrefix().replace("flow:", ""));
	}

	@Bean
	@ConditionalOnMissingBean
	BackChannelLogoutFilter authBackChannelLogoutFilter(DiscoveringClientRegistrationRepository registrations,
			SessionIndex index, SessionRepository<? extends Session> sessions, StringRedisTemplate redis,
			AuthProperties properties, ApplicationEventPublisher events, ProviderKeySets keySets) {
		BackChannelLogoutFilter filter = new BackChannelLogoutFilter(properties.getLogout().getBackChannelPath(),
				registrations, index, sessions, redis, properties.getFlow().getKeyPrefix().replace("flow:", ""),
				keySets);
		filter.setApplicationEventPublisher(events);
		return filter;
	}

	@Bean
	FilterRegistrationBean<BackChannelLogoutFilter> authBackChannelLogoutFilterRegistration(
			BackChannelLogoutFilter filter) {
		// it belongs inside the security filter chain only
		FilterRegistrationBean<BackChannelLogoutFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean
	LogoutPagesFilter authLogoutPagesFilter(LogoutSettings settings, StringRedisTemplate redis) {
		return new LogoutPagesFilter(settings, redis);
	}

	@Bean
	FilterRegistrationBean<LogoutPagesFilter> authLogoutPagesFilterRegistration(LogoutPagesFilter filter) {
		// it belongs inside the security filter chain only
		FilterRegistrationBean<LogoutPagesFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

}
