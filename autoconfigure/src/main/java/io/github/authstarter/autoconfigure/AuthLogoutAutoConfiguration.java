package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.logout.BackChannelLogoutFilter;
import io.github.authstarter.logout.EndSessionRedirects;
import io.github.authstarter.logout.FrontChannelLogoutFilter;
import io.github.authstarter.logout.LogoutPagesFilter;
import io.github.authstarter.logout.LogoutSettings;
import io.github.authstarter.logout.LogoutStates;
import io.github.authstarter.logout.LogoutStyle;
import io.github.authstarter.logout.LogoutTokenDecoders;
import io.github.authstarter.logout.LogoutTokenReplayStore;
import io.github.authstarter.logout.NewestSessionRecord;
import io.github.authstarter.logout.ProviderLogoutHandler;
import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.logout.SessionRevoker;
import io.github.authstarter.logout.TokenRevoker;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.provider.ProviderProfiles;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.redis.AuthRedisKeys;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.session.redis.SingleReadRedisSessionRepository;
import io.github.authstarter.token.SessionRefreshLock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Logout here and at the provider (RP-initiated logout, revocation), the logout pages,
 * and the provider's back-channel logout, which ends sessions on every instance.
 */
@AutoConfiguration(after = { AuthSessionAutoConfiguration.class, AuthRefreshAutoConfiguration.class,
		SessionDataRedisAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({ ProviderRegistrations.class, SessionUserStore.class, SessionRepository.class,
		SessionRefreshLock.class })
public final class AuthLogoutAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LogoutSettings authLogoutSettings(AuthProperties properties, ObjectProvider<StoredProviders> stored) {
		Map<String, LogoutStyle> styles = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> styles.put(id, provider.getLogout()));
		Map<String, String> postLogout = new LinkedHashMap<>();
		PropertyMapper map = PropertyMapper.get();
		properties.getProviders()
			.forEach((id, provider) -> map.from(provider.getPostLogoutRedirectUri())
				.to((uri) -> postLogout.put(id, uri)));
		AuthLogoutProperties logout = properties.getLogout();
		StoredProviders providers = stored.getIfAvailable();
		return new LogoutSettings(logout.getPath(), logout.getReturnPath(), logout.getSuccessPath(),
				ProviderSettingMap.of(styles, providers, (provider) -> provider.settings().getLogout()),
				ProviderSettingMap.of(postLogout, providers,
						(provider) -> provider.settings().getPostLogoutRedirectUri()));
	}

	@Bean
	@ConditionalOnMissingBean
	LogoutStates authLogoutStates(StringRedisTemplate redis, AuthProperties properties) {
		return new LogoutStates(redis, new AuthRedisKeys(properties.getRedis().getKeyPrefix()));
	}

	@Bean
	@ConditionalOnMissingBean
	EndSessionRedirects authEndSessionRedirects(LogoutSettings settings, LogoutStates states) {
		return new EndSessionRedirects(settings, states);
	}

	@Bean
	@ConditionalOnMissingBean
	TokenRevoker authTokenRevoker(ProviderHttpClients http, AuthProperties properties,
			ObjectProvider<ClientCredentials> credentials) {
		// ending a session never waits long for the provider
		ProviderHttpClients bounded = http.withTimeouts(properties.getHttp().getConnectTimeout(),
				properties.getLogout().getRevocationTimeout());
		return new TokenRevoker(bounded, credentials.getIfAvailable(() -> ClientCredentials.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	NewestSessionRecord authNewestSessionRecord(SessionRefreshLock lock, SessionRepository<? extends Session> sessions,
			SessionUserStore store, AuthProperties properties) {
		return new NewestSessionRecord(lock, readingThrough(sessions), store, properties.getRefresh().getWaitTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderLogoutHandler authProviderLogoutHandler(SessionUserStore store, ProviderRegistrations registrations,
			TokenRevoker revoker, EndSessionRedirects redirects, NewestSessionRecord records, SessionIndex index,
			ApplicationEventPublisher events, AuthObservations observations) {
		return new ProviderLogoutHandler(store, registrations, revoker, redirects, records, index, events,
				observations);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionRevoker authSessionRevoker(NewestSessionRecord records, ProviderRegistrations registrations,
			TokenRevoker revoker) {
		return new SessionRevoker(records, registrations, revoker);
	}

	/**
	 * Under the session's lock, logout decides which refresh token to revoke on what
	 * Redis holds this instant, never on a record held in memory whose invalidation may
	 * still be on its way (the session cache without its read barrier).
	 */
	private static SessionRepository<? extends Session> readingThrough(SessionRepository<? extends Session> sessions) {
		return (sessions instanceof SingleReadRedisSessionRepository single) ? single.readingThrough() : sessions;
	}

	@Bean
	@ConditionalOnMissingBean
	LogoutTokenDecoders authLogoutTokenDecoders(ProviderKeySets keySets, ObjectProvider<ProviderProfiles> profiles,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		return new LogoutTokenDecoders(keySets, AuthClockConfiguration.of(clocks),
				profiles.getIfAvailable(() -> ProviderProfiles.NONE)::idTokenAlgorithms);
	}

	@Bean
	@ConditionalOnMissingBean
	BackChannelLogoutFilter authBackChannelLogoutFilter(AuthProperties properties, ProviderRegistrations registrations,
			LogoutTokenDecoders decoders, StringRedisTemplate redis, SessionIndex index,
			SessionRepository<? extends Session> sessions, ApplicationEventPublisher events,
			AuthObservations observations) {
		LogoutTokenReplayStore replays = new LogoutTokenReplayStore(redis,
				new AuthRedisKeys(properties.getRedis().getKeyPrefix()));
		return new BackChannelLogoutFilter(properties.getLogout().getBackChannelPath(), registrations, decoders,
				replays, index, sessions, events, observations);
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
	FrontChannelLogoutFilter authFrontChannelLogoutFilter(ProviderRegistrations registrations, SessionIndex index,
			SessionRepository<? extends Session> sessions, AuthProperties properties, ApplicationEventPublisher events,
			AuthObservations observations, ObjectProvider<StoredProviders> stored) {
		Map<String, Boolean> enabled = new LinkedHashMap<>();
		PropertyMapper map = PropertyMapper.get();
		properties.getProviders()
			.forEach((id, provider) -> map.from(provider.getFrontChannelLogout())
				.to((frontChannel) -> enabled.put(id, frontChannel)));
		FrontChannelLogoutFilter filter = new FrontChannelLogoutFilter(properties.getLogout().getFrontChannelPath(),
				registrations, index, sessions, events, ProviderSettingMap.of(enabled, stored.getIfAvailable(),
						(provider) -> provider.settings().getFrontChannelLogout()));
		filter.setObservations(observations);
		return filter;
	}

	@Bean
	FilterRegistrationBean<FrontChannelLogoutFilter> authFrontChannelLogoutFilterRegistration(
			FrontChannelLogoutFilter filter) {
		// it belongs inside the security filter chain only
		FilterRegistrationBean<FrontChannelLogoutFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean
	LogoutPagesFilter authLogoutPagesFilter(LogoutSettings settings, LogoutStates states, AuthProperties properties) {
		return new LogoutPagesFilter(settings, states, AuthPathsMapper.pagePath("auth.web.pages.sign-out-page",
				properties.getWeb().getPages().getSignOutPage()));
	}

	@Bean
	FilterRegistrationBean<LogoutPagesFilter> authLogoutPagesFilterRegistration(LogoutPagesFilter filter) {
		// it belongs inside the security filter chain only
		FilterRegistrationBean<LogoutPagesFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

}
