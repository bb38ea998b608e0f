package io.github.authstarter.autoconfigure;

import java.time.Clock;

import io.github.authstarter.access.UserAccess;
import io.github.authstarter.observation.AuthObservations;
import io.github.authstarter.provider.ClientCredentials;
import io.github.authstarter.provider.ProviderHttpClients;
import io.github.authstarter.provider.ProviderRegistrations;
import io.github.authstarter.session.SessionUserStore;
import io.github.authstarter.session.redis.SingleReadRedisSessionRepository;
import io.github.authstarter.token.ApiTokenClient;
import io.github.authstarter.token.OnRequestTokenRefreshFilter;
import io.github.authstarter.token.ProviderApis;
import io.github.authstarter.token.RefreshSettings;
import io.github.authstarter.token.RefreshTokenGrant;
import io.github.authstarter.token.SessionRecordFlight;
import io.github.authstarter.token.SessionRefreshLock;
import io.github.authstarter.token.SingleFlightAuthorizedClientManager;
import io.github.authstarter.token.SingleFlightTokenRefresher;
import io.github.authstarter.token.TokenRefresher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Server-side token refresh, single-flight per session across instances: the lock in
 * Redis and the refresher that reads and writes through Boot's shared session repository.
 */
@AutoConfiguration(after = { AuthAccessAutoConfiguration.class, AuthSessionAutoConfiguration.class,
		SessionDataRedisAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({ ProviderRegistrations.class, SessionUserStore.class, SessionRepository.class, UserAccess.class })
public final class AuthRefreshAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RefreshSettings authRefreshSettings(AuthProperties properties) {
		AuthRefreshProperties refresh = properties.getRefresh();
		return new RefreshSettings(refresh.getSkew(), refresh.getLockLease(), refresh.getWaitTimeout(),
				properties.getRedis().getKeyPrefix(), refresh.isOnRequest());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionRefreshLock authSessionRefreshLock(StringRedisTemplate redis, RefreshSettings settings,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		return new SessionRefreshLock(redis, settings, AuthClockConfiguration.of(clocks));
	}

	@Bean
	@ConditionalOnMissingBean
	SessionRecordFlight authSessionRecordFlight(SessionRefreshLock lock, SessionRepository<? extends Session> sessions,
			SessionUserStore store, RefreshSettings settings,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		// under its lock a refresh decides on what Redis holds this instant, never on a
		// record held in memory whose invalidation may still be on its way
		SessionRepository<? extends Session> latest = (sessions instanceof SingleReadRedisSessionRepository single)
				? single.readingThrough() : sessions;
		return new SessionRecordFlight(lock, latest, store, settings.waitTimeout(), AuthClockConfiguration.of(clocks));
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenGrant authRefreshTokenGrant(ProviderRegistrations registrations,
			@Qualifier("authIdTokenDecoderFactory") JwtDecoderFactory<ClientRegistration> idTokenDecoders,
			ProviderHttpClients http, ObjectProvider<ClientCredentials> credentials, UserAccess access,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		return new RefreshTokenGrant(registrations, idTokenDecoders, http,
				credentials.getIfAvailable(() -> ClientCredentials.NONE), access, AuthClockConfiguration.of(clocks));
	}

	@Bean
	@ConditionalOnMissingBean
	ApiTokenClient authApiTokenClient(ProviderRegistrations registrations, ProviderHttpClients http,
			ObjectProvider<ClientCredentials> credentials,
			@Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		return new ApiTokenClient(registrations, http, credentials.getIfAvailable(() -> ClientCredentials.NONE),
				AuthClockConfiguration.of(clocks));
	}

	@Bean
	@ConditionalOnMissingBean(TokenRefresher.class)
	SingleFlightTokenRefresher authTokenRefresher(SessionRecordFlight records, RefreshTokenGrant grant,
			ApiTokenClient apiTokens, RefreshSettings settings, ApplicationEventPublisher events,
			AuthObservations observations, @Qualifier(AuthClockConfiguration.BEAN_NAME) ObjectProvider<Clock> clocks) {
		return new SingleFlightTokenRefresher(records, grant, apiTokens, settings, events, observations,
				AuthClockConfiguration.of(clocks));
	}

	/**
	 * Spring's authorized-client model on the session record, so Spring's own OAuth2
	 * client tools (the RestClient interceptor, HTTP service clients,
	 * {@code @RegisteredOAuth2AuthorizedClient}) refresh through the single-flight
	 * refresher instead of beside it. An application's own manager wins.
	 */
	@Bean
	@ConditionalOnMissingBean(OAuth2AuthorizedClientManager.class)
	SingleFlightAuthorizedClientManager authorizedClientManager(SessionUserStore store, TokenRefresher refresher,
			ProviderRegistrations registrations, AuthProperties properties, ObjectProvider<ProviderApis> apis,
			ObjectProvider<StoredProviders> stored) {
		return new SingleFlightAuthorizedClientManager(store, refresher, registrations,
				apis.getIfAvailable(() -> new ProviderApis(ApiDefinitionMapper.apis(properties))),
				RefreshTokenExposure.of(properties, stored.getIfAvailable()));
	}

	@Bean
	@ConditionalOnBooleanProperty("auth.refresh.on-request")
	@ConditionalOnMissingBean
	OnRequestTokenRefreshFilter authOnRequestTokenRefreshFilter(SessionUserStore store, TokenRefresher refresher) {
		return new OnRequestTokenRefreshFilter(store, refresher);
	}

	@Bean
	@ConditionalOnBean(OnRequestTokenRefreshFilter.class)
	FilterRegistrationBean<OnRequestTokenRefreshFilter> authOnRequestTokenRefreshFilterRegistration(
			OnRequestTokenRefreshFilter filter) {
		// it belongs inside the security filter chain only
		FilterRegistrationBean<OnRequestTokenRefreshFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

}
