package io.github.authstarter.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.authstarter.logout.BackChannelLogoutFilter;
import io.github.authstarter.logout.FrontChannelLogoutFilter;
import io.github.authstarter.logout.LogoutPagesFilter;
import io.github.authstarter.logout.LogoutSettings;
import io.github.authstarter.logout.LogoutStyle;
import io.github.authstarter.logout.ProviderLogout;
import io.github.authstarter.logout.SessionIndex;
import io.github.authstarter.logout.SessionRevoker;
import io.github.authstarter.logout.TokenRevoker;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.DiscoveringClientRegistrationRepository;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderKeySets;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.session.SingleReadRedisSessionRepository;
import io.github.authstarter.token.SessionRefreshLock;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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
@ConditionalOnBean({ DiscoveringClientRegistrationRepository.class, SessionUserStore.class, SessionRepository.class,
		SessionRefreshLock.class })
public final class AuthLogoutAutoConfiguration {

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
		AuthLogoutProperties logout = properties.getLogout();
		return new LogoutSettings(logout.getPath(), logout.getReturnPath(), logout.getSuccessPath(), styles,
				properties.getRedis().getKeyPrefix(), properties.getLogin().getProvidersPath(), postLogout);
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderLogout authProviderLogout(SessionUserStore store, DiscoveringClientRegistrationRepository registrations,
			StringRedisTemplate redis, LogoutSettings settings, AuthProperties properties,
			ApplicationEventPublisher events, SessionIndex index, SessionRefreshLock lock,
			SessionRepository<? extends Session> sessions, ProviderHttpClients http,
			ObjectProvider<ClientCredentials> credentials, ObjectProvider<ObservationRegistry> observations) {
		return new ProviderLogout(store, registrations, revoker(http, properties, credentials), redis, settings, lock,
				readingThrough(sessions), properties.getRefresh().getWaitTimeout(), index, events,
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnMissingBean
	SessionRevoker authSessionRevoker(SessionRefreshLock lock, SessionRepository<? extends Session> sessions,
			SessionUserStore store, DiscoveringClientRegistrationRepository registrations, ProviderHttpClients http,
			AuthProperties properties, ObjectProvider<ClientCredentials> credentials) {
		return new SessionRevoker(lock, readingThrough(sessions), store, registrations,
				revoker(http, properties, credentials), properties.getRefresh().getWaitTimeout());
	}

	private static TokenRevoker revoker(ProviderHttpClients http, AuthProperties properties,
			ObjectProvider<ClientCredentials> credentials) {
		// ending a session never waits long for the provider
		ProviderHttpClients bounded = http.withTimeouts(properties.getHttp().getConnectTimeout(),
				properties.getLogout().getRevocationTimeout());
		return new TokenRevoker(bounded, credentials.getIfAvailable(() -> ClientCredentials.NONE));
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
	BackChannelLogoutFilter authBackChannelLogoutFilter(DiscoveringClientRegistrationRepository registrations,
			SessionIndex index, SessionRepository<? extends Session> sessions, StringRedisTemplate redis,
			AuthProperties properties, ApplicationEventPublisher events, ProviderKeySets keySets,
			ObjectProvider<ObservationRegistry> observations,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		return new BackChannelLogoutFilter(properties.getLogout().getBackChannelPath(), registrations, index, sessions,
				redis, properties.getRedis().getKeyPrefix(), keySets, events,
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), AuthClockConfiguration.of(clocks));
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
	FrontChannelLogoutFilter authFrontChannelLogoutFilter(DiscoveringClientRegistrationRepository registrations,
			SessionIndex index, SessionRepository<? extends Session> sessions, AuthProperties properties,
			ApplicationEventPublisher events) {
		Map<String, Boolean> enabled = new LinkedHashMap<>();
		properties.getProviders().forEach((id, provider) -> {
			Boolean frontChannel = provider.getFrontChannelLogout();
			if (frontChannel != null) {
				enabled.put(id, frontChannel);
			}
		});
		return new FrontChannelLogoutFilter(properties.getLogout().getFrontChannelPath(), registrations, index,
				sessions, events, enabled);
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
